package dev.datamigration.devtools.demo;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.PlatformAction;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
    private Thread changer;
    private volatile boolean closed;

    // written by the watcher, read after it has stopped
    private volatile long bulkStarted;
    private volatile long stopRequested;
    private volatile long catchUpEnded;
    private volatile long rowsChanged = -1;
    private volatile String changeError;
    private volatile DataMigrationStatus lastStatus;

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
                DataMigrationStatus status = client == null ? null : status(client);
                if (status != null) {
                    lastStatus = status;
                    observe(status);
                }
                if (catchUpEnded > 0) {
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            changeError = "watching the migration failed: " + e.getMessage();
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    private DataMigrationStatus status(KubernetesClient client) {
        List<DataMigration> migrations = client.resources(DataMigration.class).inNamespace(namespace).list()
                .getItems();
        return migrations.isEmpty() ? null : migrations.get(0).getStatus();
    }

    private void observe(DataMigrationStatus status) {
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
            // on its own thread: the watch goes on, and the changes end when the stop is requested
            changer = new Thread(() -> {
                try {
                    rowsChanged = changes.apply(() -> stopRequested > 0);
                } catch (SQLException e) {
                    changeError = "changing Production failed: " + e.getMessage();
                }
            }, "datamigration-demo-changes");
            changer.setDaemon(true);
            changer.start();
        }
        if (status.getSource() != null && status.getSource().getStoppedAt() != null && catchUpEnded == 0
                && copied(status)) {
            catchUpEnded = now;
        }
    }

    private static boolean copied(DataMigrationStatus status) {
        return status.getConditions() != null && status.getConditions().stream()
                .filter(c -> "Copied".equals(c.getType())).map(Condition::getStatus)
                .anyMatch(s -> "True".equals(s) || "False".equals(s));
    }

    /** The summary's cutover lines. */
    List<String> summary(Style style) {
        close();
        List<String> lines = new ArrayList<>();
        lines.add(style.bold("Cutover") + " (source.downtime: StopAfterCopy)");
        if (changeError != null) {
            lines.add("  " + changeError);
        }
        lines.add("  changed in Production during the bulk copy: " + (rowsChanged < 0 ? "nothing (the copy was"
                + " not seen running)" : String.format("%,d rows", rowsChanged) + " (updates in "
                + changes.tables() + " tables)"));
        DataMigrationStatus status = lastStatus;
        Long catchUp = status == null || status.getSource() == null ? null : status.getSource().getCatchUpRows();
        String recorded = status == null || status.getSource() == null ? null : status.getSource().getDowntime();
        if (bulkStarted == 0 || stopRequested == 0 || catchUpEnded == 0) {
            lines.add("  the bulk copy, the stop or the end of the catch-up was not observed");
            return lines;
        }
        long bulk = (stopRequested - bulkStarted) / 1_000_000;
        long down = (catchUpEnded - stopRequested) / 1_000_000;
        lines.add("  bulk copy, Production running:   " + Durations.seconds(bulk));
        lines.add("  Production down (stop to end of catch-up): " + Durations.seconds(down)
                + (recorded == null ? "" : " (status.source.downtime " + recorded + ")")
                + (catchUp == null ? "" : String.format(", catch-up changed %,d rows", catchUp)));
        lines.add("  downtime / bulk copy: " + (bulk == 0 ? "n/a" : String.format("%.1f%%", 100.0 * down / bulk)));
        return lines;
    }

    @Override
    public void close() {
        closed = true;
        try {
            watcher.join(5_000);
            if (changer != null) {
                changer.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
