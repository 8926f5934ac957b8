package dev.datamigration.devtools.demo;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.SourceStatus;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.status.Times;
import dev.datamigration.devtools.local.ProgressView;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code demo --cutover}: the demo's migration with {@code source.downtime: StopAfterCopy}, Production changed while
 * the bulk copy runs ({@link ProductionChanges}), and the summary's line about the cutover: how long the bulk copy
 * ran with Production up, how long Production was down (stop to end of the catch-up), and the ratio. A watcher thread
 * reads the DataMigration from the local API server every 100 ms, so both durations are measured on this machine's
 * clock at that resolution (the status' own {@code source.downtime} has whole seconds and is shown next to it).
 */
final class CutoverDemo implements AutoCloseable {

    /** The source's downtime line of examples/demo/migration.yaml, which {@link #stopAfterCopy} rewrites. */
    private static final Pattern SOURCE_DOWNTIME = Pattern.compile("(?m)^(    downtime: )StopEnvironment$");
    private static final long POLL_MILLIS = 100;

    private final ProductionChanges changes;
    private final Path kubeconfig;
    private final String namespace;
    private final Thread watcher;
    private final ExecutorService changer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "datamigration-demo-changes");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> changedApps = new HashSet<>();
    private final AtomicLong rowsChanged = new AtomicLong();
    private volatile boolean closed;

    // written by the watcher, read after it has stopped
    private volatile long bulkStarted;
    /** Every bulk Job succeeded: the apps switched to their catch-up Jobs, which start while Production runs. */
    private volatile long bulkEnded;
    private volatile long stopRequested;
    private volatile long catchUpEnded;
    private volatile String changeError;
    private volatile DataMigrationStatus lastStatus;
    private volatile DataMigrationStatus finalStatus;

    private CutoverDemo(ProductionChanges changes, Path kubeconfig, String namespace) {
        this.changes = changes;
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
        this.watcher = new Thread(this::watch, "datamigration-demo-cutover");
        this.watcher.setDaemon(true);
    }

    /** Turns the rendered migration into a two-pass cutover: the source is stopped after the bulk copy. */
    static void stopAfterCopy(Path manifest) throws IOException {
        String yaml = Files.readString(manifest, StandardCharsets.UTF_8);
        Matcher matcher = SOURCE_DOWNTIME.matcher(yaml);
        if (!matcher.find()) {
            throw new IllegalStateException("--cutover: " + manifest.getFileName() + " has no source"
                    + " \"downtime: StopEnvironment\" line to turn into StopAfterCopy");
        }
        Files.writeString(manifest, matcher.replaceFirst("$1StopAfterCopy"), StandardCharsets.UTF_8);
    }

    /** Starts watching the migration of the local run whose API server writes {@code kubeconfig}. */
    static CutoverDemo start(ProductionChanges changes, Path kubeconfig, String namespace) {
        CutoverDemo demo = new CutoverDemo(changes, kubeconfig, namespace);
        demo.watcher.start();
        return demo;
    }

    private void watch() {
        KubernetesClient client = null;
        try {
            while (!closed) {
                if (client == null && Files.exists(kubeconfig)) {
                    client = new KubernetesClientBuilder()
                            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8)))
                            .build();
                }
                DataMigration migration = client == null ? null : migration(client);
                if (migration != null && migration.getStatus() != null) {
                    lastStatus = migration.getStatus();
                    observe(client, migration);
                }
                if (catchUpEnded > 0) {
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (finalStatus == null && !closed) { // not the local API server going away at the end of the run
                changeError = "watching the migration failed: " + e.getMessage();
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    private DataMigration migration(KubernetesClient client) {
        List<DataMigration> migrations = client.resources(DataMigration.class).inNamespace(namespace).list()
                .getItems();
        return migrations.isEmpty() ? null : migrations.get(0);
    }

    private void observe(KubernetesClient client, DataMigration migration) {
        DataMigrationStatus status = migration.getStatus();
        long now = System.nanoTime();
        boolean stopping = status.getOperations() != null && status.getOperations().stream()
                .anyMatch(op -> op.getAction() == PlatformAction.StopEnvironment);
        if (stopping && stopRequested == 0) {
            stopRequested = now;
        }
        boolean copying = status.getApps() != null && status.getApps().stream()
                .anyMatch(app -> app.getPhase() == AppPhase.Running);
        if (copying && bulkStarted == 0 && !stopping) {
            bulkStarted = now;
        }
        if (bulkStarted > 0 && bulkEnded == 0 && status.getApps() != null && !status.getApps().isEmpty()
                && status.getApps().stream().allMatch(app -> ResourceNames.catchUpJob(
                migration.getMetadata().getName(), app.getName()).equals(app.getJob()))) {
            bulkEnded = now;
        }
        if (!stopping && status.getApps() != null) {
            for (AppStatus app : status.getApps()) {
                if (app.getPhase() == AppPhase.Running && !changedApps.contains(app.getName())
                        && copyBegun(client, app.getJob())) {
                    changedApps.add(app.getName());
                    // on its own thread: the watch goes on, and the changes end when the stop is requested
                    changer.submit(() -> change(app.getName()));
                }
            }
        }
        if (status.getSource() != null && status.getSource().getStoppedAt() != null && catchUpEnded == 0
                && copied(status)) {
            catchUpEnded = now;
        }
    }

    /** Whether an app's bulk Job has begun copying (an entity past Pending): its read snapshot is taken. */
    private boolean copyBegun(KubernetesClient client, String job) {
        ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(job + Contracts.PROGRESS_SUFFIX)
                .get();
        if (configMap == null || configMap.getData() == null
                || !configMap.getData().containsKey(Contracts.PROGRESS_KEY)) {
            return false;
        }
        Progress progress = JobProgress.parse(configMap.getMetadata().getName(),
                configMap.getData().get(Contracts.PROGRESS_KEY));
        return progress.getEntities() != null && progress.getEntities().stream()
                .anyMatch(entity -> entity.getState() != null && entity.getState() != EntityState.Pending);
    }

    private void change(String app) {
        try {
            rowsChanged.addAndGet(changes.apply(app, () -> stopRequested > 0));
        } catch (SQLException e) {
            changeError = "changing Production failed: " + e.getMessage();
        }
    }

    private static boolean copied(DataMigrationStatus status) {
        return status.getConditions() != null && status.getConditions().stream()
                .filter(c -> "Copied".equals(c.getType())).map(Condition::getStatus)
                .anyMatch(s -> "True".equals(s) || "False".equals(s));
    }

    /**
     * {@code view}, also keeping the migration's final state: the local run hands it over at the end, so the
     * operator's own record (status.source) is there even when the run ended between two polls of the watcher.
     */
    ProgressView watching(ProgressView view) {
        return new ProgressView() {
            @Override
            public void show(List<DataMigration> migrations) {
                view.show(migrations);
            }

            @Override
            public void finish(List<DataMigration> migrations) {
                if (migrations.size() == 1 && migrations.get(0).getStatus() != null) {
                    finalStatus = migrations.get(0).getStatus();
                }
                view.finish(migrations);
            }
        };
    }

    /** The summary's cutover lines. */
    List<String> summary(Style style) {
        close();
        List<String> lines = new ArrayList<>();
        lines.add(style.bold("Cutover") + " (source.downtime: StopAfterCopy)");
        if (changeError != null) {
            lines.add("  " + changeError);
        }
        lines.add("  changed in Production during the bulk copy: " + String.format("%,d rows", rowsChanged.get())
                + " (updates in " + changes.tables() + " tables, each after its app's bulk Job began copying)");
        DataMigrationStatus status = finalStatus != null ? finalStatus : lastStatus;
        SourceStatus source = status == null ? null : status.getSource();
        Optional<Instant> copyStarted = status == null ? Optional.empty() : transition(status, "Quiesced");
        if (source == null || source.getStoppedAt() == null || source.getDowntime() == null
                || copyStarted.isEmpty()) {
            lines.add("  the operator recorded no source downtime (status.source)");
            return lines;
        }
        // The operator records the copy's start (Quiesced), the stop and the catch-up's end (whole seconds), not the
        // bulk pass's end: the demo saw it (every app switched to its catch-up Job). Before it saw it, the copy's
        // start to the stop stands for the bulk copy (it then includes the catch-up Jobs' start).
        boolean sawBulkEnd = bulkStarted > 0 && bulkEnded > bulkStarted && stopRequested >= bulkEnded;
        Duration bulk = sawBulkEnd ? Duration.ofNanos(bulkEnded - bulkStarted)
                : Duration.between(copyStarted.get(), Instant.parse(source.getStoppedAt()));
        lines.add("  bulk copy, Production running:             " + Times.elapsed(bulk)
                + (sawBulkEnd ? observed(bulkStarted, bulkEnded) : observed(bulkStarted, stopRequested)));
        lines.add("  Production down (stop to end of catch-up): " + source.getDowntime()
                + observed(stopRequested, catchUpEnded) + String.format(", catch-up changed %,d rows",
                source.getCatchUpRows()));
        if (sawBulkEnd && catchUpEnded > 0) {
            lines.add("  downtime / bulk copy: " + String.format("%.1f%%", 100.0 * (catchUpEnded - stopRequested)
                    / Math.max(1, bulkEnded - bulkStarted)) + " (as measured by the demo)");
            lines.add("  before the stop, Production running:      catch-up Jobs started, checked and connected in "
                    + Durations.seconds((stopRequested - bulkEnded) / 1_000_000));
        }
        return lines;
    }

    /** " (12.3s measured by the demo)" when the demo saw both moments. */
    private static String observed(long from, long to) {
        return from > 0 && to > from ? " (" + Durations.seconds((to - from) / 1_000_000) + " measured by the demo)"
                : "";
    }

    private static Optional<Instant> transition(DataMigrationStatus status, String condition) {
        return status.getConditions() == null ? Optional.empty() : status.getConditions().stream()
                .filter(c -> condition.equals(c.getType()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst();
    }

    @Override
    public void close() {
        closed = true;
        try {
            watcher.join(5_000);
            changer.shutdown();
            changer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
