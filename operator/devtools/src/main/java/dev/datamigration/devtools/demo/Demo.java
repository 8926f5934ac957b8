package dev.datamigration.devtools.demo;

import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.devtools.local.LocalOperator;
import dev.datamigration.devtools.local.LocalRun;
import dev.datamigration.fixtures.o11.ExpectedEntity;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.fixtures.pg.PostgresBinaries;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code datamigration demo}: the whole product on this machine. It starts an embedded PostgreSQL server with an O11
 * Production and QA factory, the platform simulator playing LifeTime, and a local run (embedded API server, the real
 * operator, a real copier process per app) of examples/demo; shows the run live; prints a summary; and takes
 * everything down again, also after a failure or Ctrl-C.
 */
public final class Demo {

    /**
     * @param scale     the factory's row-count multiplier
     * @param keep      leave PostgreSQL running with both databases at the end
     * @param live      redraw the progress in place (a terminal) instead of printing lines
     * @param style     colours and characters
     * @param timeout   longest wait for the migration to end
     * @param manifests a directory to read migration.yaml and simulator-state.yaml from, or null for the jar's copy
     *                  of examples/demo
     */
    public record Settings(int scale, boolean keep, boolean live, Style style, Duration timeout, Path manifests) {
        public Settings {
            if (scale < 1) {
                throw new IllegalArgumentException("--scale must be 1 or more: " + scale);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("--timeout must be positive: " + timeout);
            }
        }
    }

    static final String NAMESPACE = "demo";
    private static final List<String> APPS = List.of("Catalog", "Customers", "Orders");
    /** What the demo fills into examples/demo's ${...} placeholders. */
    static final Set<String> PLACEHOLDERS = Set.of("LIFETIME_TOKEN", "DB_USERNAME", "DB_PASSWORD", "DB_PORT",
            "SOURCE_DATABASE", "TARGET_DATABASE", "PLATFORM_URL");
    private static final int LOG_TAIL_LINES = 30;

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final Style style;
    private boolean cutover;

    public Demo(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.style = settings.style();
    }

    /** {@code --cutover}: source.downtime StopAfterCopy, Production changed during the bulk copy ({@link CutoverDemo}). */
    public Demo cutover(boolean on) {
        this.cutover = on;
        return this;
    }

    /** Runs the demo to its end; 0 only when the migration Succeeded. */
    public int run() {
        ManifestTemplates templates = settings.manifests() == null ? ManifestTemplates.packaged()
                : ManifestTemplates.directory(settings.manifests());
        try {
            templates.check(PLACEHOLDERS);
        } catch (RuntimeException e) {
            err.println("demo: " + e.getMessage());
            return 2;
        }
        DemoEnvironment environment = DemoEnvironment.create();
        Path log = environment.workDir().resolve("demo.log");
        quietLogging(log);
        Logger julRoot = Logger.getLogger("");
        Level julLevel = julRoot.getLevel();
        // the embedded API server logs every request through java.util.logging; only warnings matter here
        julRoot.setLevel(Level.WARNING);
        Screen screen = settings.live() ? new LiveScreen(out, new Dashboard(style)) : new LineScreen(out);
        Thread cleanup = new Thread(() -> interrupted(environment, screen), "datamigration-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return run(templates, environment, screen, log);
        } catch (Exception e) {
            screen.stop();
            err.println("demo failed: " + e.getMessage());
            printTail(log);
            return 1;
        } finally {
            julRoot.setLevel(julLevel);
            if (closeQuietly(environment)) {
                out.println(style.dim(settings.keep()
                        ? "Cleaned up: simulator stopped, temporary files removed; PostgreSQL kept running (--keep)."
                        : "Cleaned up: PostgreSQL stopped and its data deleted, simulator stopped, temporary files"
                                + " removed."));
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running or has run
            }
        }
    }

    private int run(ManifestTemplates templates, DemoEnvironment environment, Screen screen, Path log)
            throws Exception {
        out.println(style.bold("datamigration demo") + ": refresh QA with Production data for " + String.join(", ", APPS)
                + " (scale " + settings.scale() + ")");
        out.println();
        Instant step = Instant.now();
        EmbeddedPostgres postgres = environment.startPostgres();
        step("PostgreSQL " + PostgresBinaries.VERSION + " on 127.0.0.1:" + postgres.port(), step);
        out.println("    " + style.dim("data in " + postgres.instanceDirectory()));

        step = Instant.now();
        O11Factory factory = O11Factory.builder().scale(settings.scale()).unmatchedUser(false).build();
        FactoryDatabases databases = environment.buildFactories(factory);
        List<ExpectedEntity> toCopy = factory.expected(APPS, UnmatchedUserPolicy.FAIL).copiedEntities();
        long rows = toCopy.stream().mapToLong(ExpectedEntity::sourceRows).sum();
        step("O11 factories Production and QA: " + String.format("%,d", rows) + " rows in " + toCopy.size()
                + " entities to copy", step);

        step = Instant.now();
        String token = "demo-" + HexFormat.of().formatHex(randomBytes());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LIFETIME_TOKEN", token);
        SimulatorState state = SimulatorState.parse(templates.render(ManifestTemplates.SIMULATOR_STATE, values));
        SimulatorServer simulator = environment.startSimulator(state);
        step("platform simulator, LifeTime API v2 at " + simulator.lifeTimeApiUrl(), step);

        values.put("DB_USERNAME", postgres.username());
        values.put("DB_PASSWORD", postgres.password());
        values.put("DB_PORT", Integer.toString(postgres.port()));
        values.put("SOURCE_DATABASE", databases.production());
        values.put("TARGET_DATABASE", databases.qa());
        values.put("PLATFORM_URL", simulator.lifeTimeApiUrl());
        Path manifest = environment.workDir().resolve(ManifestTemplates.MIGRATION);
        Files.writeString(manifest, templates.render(ManifestTemplates.MIGRATION, values), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-------"));
        if (cutover) {
            CutoverDemo.stopAfterCopy(manifest);
        }
        out.println("  local run of " + templates.origin() + "/" + ManifestTemplates.MIGRATION
                + ": API server, operator, copier Jobs");
        out.println();

        var localOut = new ByteArrayOutputStream();
        var localErr = new ByteArrayOutputStream();
        var options = new LocalRun.Options(List.of(manifest), NAMESPACE, environment.workDir().resolve("jobs"),
                environment.workDir().resolve("kubeconfig"), 0, settings.timeout());
        int exit;
        DemoView view;
        CutoverDemo cutoverDemo = cutover ? CutoverDemo.start(ProductionChanges.plan(factory, databases, toCopy,
                0.01), options.kubeconfig(), NAMESPACE) : null;
        try (JobProgress progress = new JobProgress(options.kubeconfig())) {
            view = new DemoView(screen, progress, Clock.systemUTC());
            exit = new LocalRun(LocalOperator.launcher(), new PrintStream(localOut, true, StandardCharsets.UTF_8),
                    new PrintStream(localErr, true, StandardCharsets.UTF_8)).run(options,
                    cutoverDemo == null ? view : cutoverDemo.watching(view));
        }
        MigrationSnapshot last = view.last();
        if (last == null) {
            err.print(localErr.toString(StandardCharsets.UTF_8));
            throw new IllegalStateException("the local run ended before the migration was applied");
        }
        Map<String, Long> inTarget = countTarget(databases, toCopy);
        PlatformSteps platform = new PlatformSteps(state, last.source(), last.target());
        out.println();
        new Summary(style).render(last, inTarget, platform.of(simulator.calls()),
                PlatformSteps.reads(simulator.calls())).forEach(out::println);
        if (cutoverDemo != null) {
            out.println();
            cutoverDemo.summary(style).forEach(out::println);
        }
        boolean succeeded = exit == 0 && last.phase() == Phase.Succeeded;
        if (!succeeded) {
            // the copier logs of failed Jobs; the API server's address is gone with the run
            localErr.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith("local API server "))
                    .forEach(err::println);
            printTail(log);
        }
        if (settings.keep()) {
            keep(environment, postgres, databases);
        }
        return succeeded ? 0 : 1;
    }

    private void step(String what, Instant started) {
        long millis = Duration.between(started, Instant.now()).toMillis();
        out.println("  " + style.green(style.check()) + " " + what + "  " + style.dim(Durations.seconds(millis)));
        out.flush();
    }

    /** Rows in each copied entity's QA table now, counted independently of the copier. */
    private static Map<String, Long> countTarget(FactoryDatabases databases, List<ExpectedEntity> entities)
            throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection qa = databases.connectQa()) {
            for (ExpectedEntity entity : entities) {
                counts.put(entity.app() + "/" + entity.entity(), Rows.count(qa, entity.targetTable()));
            }
        }
        return counts;
    }

    private void keep(DemoEnvironment environment, EmbeddedPostgres postgres, FactoryDatabases databases)
            throws IOException {
        environment.keepDatabases();
        Path instance = postgres.instanceDirectory();
        Path passwordFile = instance.resolve("demo-password");
        Files.writeString(passwordFile, postgres.password() + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        PostgresBinaries binaries = PostgresBinaries.ensureExtracted();
        String asServerUser = "root".equals(System.getProperty("user.name")) ? "runuser -u nobody -- " : "";
        out.println();
        out.println(style.bold("Databases kept") + " (--keep): PostgreSQL keeps running after the demo");
        out.println("  Production  " + databases.productionUrl());
        out.println("  QA          " + databases.qaUrl());
        out.println("  user " + postgres.username() + ", password in " + passwordFile);
        out.println("  stop it:    LD_LIBRARY_PATH=" + binaries.libDir() + " " + asServerUser + binaries.bin("pg_ctl")
                + " stop -D " + instance.resolve("data") + " && rm -rf " + instance);
    }

    /** Shutdown hook: Ctrl-C or a kill while the demo runs. */
    private void interrupted(DemoEnvironment environment, Screen screen) {
        screen.stop();
        err.println();
        err.println("demo interrupted: stopping copier processes, PostgreSQL and the simulator");
        stopCopierProcesses();
        closeQuietly(environment);
        err.println("demo cleaned up");
        err.flush();
    }

    /** The copier JVMs this process started (a terminal's Ctrl-C reaches them too; a kill of this process does not). */
    static void stopCopierProcesses() {
        String self = ProcessHandle.current().info().command().orElse("");
        List<ProcessHandle> copiers = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(self::equals).orElse(false)).toList();
        copiers.forEach(ProcessHandle::destroy);
        for (ProcessHandle copier : copiers) {
            try {
                copier.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                copier.destroyForcibly();
            }
        }
    }

    /** Takes the environment down; false (and a message) when a part of it could not be stopped or deleted. */
    private boolean closeQuietly(DemoEnvironment environment) {
        try {
            environment.close();
            return true;
        } catch (RuntimeException e) {
            err.println("demo cleanup: " + e.getMessage());
            return false;
        }
    }

    private void printTail(Path log) {
        if (!Files.exists(log)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return;
            }
            err.println("--- last lines of the demo's log ---");
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(err::println);
        } catch (IOException e) {
            err.println("cannot read the demo's log " + log + ": " + e.getMessage());
        }
    }

    /**
     * The operator and the API server log to slf4j-simple; on the demo's screen only the view speaks, so warnings
     * and errors go to a log file that is shown after a failure. Has no effect once slf4j has been initialised
     * (as in tests) or when the user configured it.
     */
    static void quietLogging(Path log) {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
