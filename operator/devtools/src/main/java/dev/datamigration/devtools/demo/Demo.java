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
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final Style style;
    private final DemoSession session;
    private boolean cutover;

    public Demo(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.style = settings.style();
        this.session = new DemoSession(settings, out, err);
    }

    /**
     * {@code --cutover}: source.downtime StopAfterCopy, Production changed during the bulk copy
     * ({@link CutoverDemo}).
     */
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
        return session.run((environment, screen, log) -> run(templates, environment, screen, log));
    }

    private int run(ManifestTemplates templates, DemoEnvironment environment, Screen screen, Path log)
            throws Exception {
        out.println(style.bold("datamigration demo") + ": refresh QA with Production data for " + String.join(", ", APPS)
                + " (scale " + settings.scale() + ")");
        out.println();
        EmbeddedPostgres postgres = session.startPostgres(environment);

        Instant step = Instant.now();
        O11Factory factory = O11Factory.builder().scale(settings.scale()).unmatchedUser(false).build();
        FactoryDatabases databases = environment.buildFactories(factory);
        List<ExpectedEntity> toCopy = factory.expected(APPS, UnmatchedUserPolicy.FAIL).copiedEntities();
        long rows = toCopy.stream().mapToLong(ExpectedEntity::sourceRows).sum();
        session.step("O11 factories Production and QA: " + String.format("%,d", rows) + " rows in " + toCopy.size()
                + " entities to copy", step);

        step = Instant.now();
        String token = DemoSession.secret();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LIFETIME_TOKEN", token);
        SimulatorState state = SimulatorState.parse(templates.render(ManifestTemplates.SIMULATOR_STATE, values));
        SimulatorServer simulator = environment.startSimulator(state);
        session.step("platform simulator, LifeTime API v2 at " + simulator.lifeTimeApiUrl(), step);

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
            session.printTail(log);
        }
        if (settings.keep()) {
            session.keep(environment, postgres, List.of(Map.entry("Production", databases.productionUrl()),
                    Map.entry("QA", databases.qaUrl())));
        }
        return succeeded ? 0 : 1;
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
}
