package dev.datamigration.devtools.demo;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.devtools.local.LocalOperator;
import dev.datamigration.devtools.local.LocalRun;
import dev.datamigration.devtools.local.ProgressView;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.model.EntitySpec;
import dev.datamigration.fixtures.odc.OdcStage;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code datamigration demo --odc}: O11 to ODC on this machine. One embedded PostgreSQL server holds the O11
 * Production factory (made ODC-ready: no data in other tenants, no auto-number static entities) and an ODC stage
 * laid out as ODC lays one out (opaque table names, a case-insensitive non-deterministic ICU collation on text
 * columns, text user ids, ODC's own static tables); the simulator plays LifeTime for Production and the ODC portal
 * (OpenID discovery, OAuth client credentials, Identity users, Deployments); a local run copies the three apps
 * with Production stopped and the ODC apps undeployed, matches end users by e-mail and creates the missing ones.
 * The summary adds the ODC apps and the end-user counts to the O11 demo's table.
 */
public final class OdcDemo {

    private static final String PREFIX = "demo";

    private final Demo.Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final Style style;
    private final DemoSession session;

    public OdcDemo(Demo.Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.style = settings.style();
        this.session = new DemoSession(settings, out, err);
    }

    /** Runs the demo to its end; 0 only when the migration Succeeded. */
    public int run() {
        return session.run(this::run);
    }

    private int run(DemoEnvironment environment, Screen screen, Path log) throws Exception {
        out.println(style.bold("datamigration demo --odc") + ": move " + String.join(", ", OdcDemoWorld.APPS)
                + " from O11 Production into the ODC stage " + OdcDemoWorld.STAGE + " (scale " + settings.scale()
                + ")");
        out.println();
        EmbeddedPostgres postgres = session.startPostgres(environment);

        Instant step = Instant.now();
        O11Factory factory = O11Factory.builder().scale(settings.scale()).unmatchedUser(false)
                .largeBinaryBytes(OdcDemoSource.LARGEST_BINARY_BYTES).build();
        OdcDemoWorld world = new OdcDemoWorld(new OdcStage(factory.model(), OdcDemoWorld.APPS));
        OdcStage stage = world.stage();
        String production = PREFIX + "_production";
        String stageDatabase = PREFIX + "_odc_stage";
        postgres.createDatabase(production);
        long moved;
        try (Connection connection = postgres.connect(production)) {
            factory.createProduction(connection);
            moved = OdcDemoSource.prepare(stage, connection);
        }
        session.step("O11 Production factory, made ODC-ready (default tenant only, no auto-number static entities"
                + (moved == 0 ? "" : String.format(", %,d dates after 3000-12-31 moved back 1000 years", moved))
                + ")", step);

        step = Instant.now();
        postgres.createDatabase(stageDatabase);
        try (Connection connection = postgres.connect(stageDatabase)) {
            stage.create(connection);
        }
        long statics = stage.tables().keySet().stream().filter(EntitySpec::isStatic).count();
        session.step("ODC stage " + OdcDemoWorld.STAGE + ": " + stage.tables().size() + " tables with opaque names ("
                + statics + " static), text columns COLLATE " + OdcStage.COLLATION + " (ICU, case-insensitive,"
                + " non-deterministic), text user ids", step);

        step = Instant.now();
        String lifeTimeToken = DemoSession.secret();
        String clientSecret = DemoSession.secret();
        SimulatorState state = SimulatorState.parse(world.simulatorState(lifeTimeToken, clientSecret));
        SimulatorServer simulator = environment.startSimulator(state);
        session.step("platform simulator: LifeTime API v2 at " + simulator.lifeTimeApiUrl() + ", ODC portal at "
                + simulator.odcPortalUrl() + " (" + world.existingOdcUsers().size() + " of "
                + stage.odcUsers().size() + " O11 end users already in ODC)", step);

        Path manifest = environment.workDir().resolve("migration-odc.yaml");
        Files.writeString(manifest, world.manifests(postgres.username(), postgres.password(), postgres.port(),
                production, stageDatabase, lifeTimeToken, clientSecret, simulator.lifeTimeApiUrl(),
                simulator.odcPortalUrl()), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-------"));
        out.println("  local run of " + OdcDemoWorld.MIGRATION + " with the stage's mapping ConfigMap "
                + OdcDemoWorld.MAPPING_CONFIG_MAP + ": API server, operator, copier Jobs");
        out.println();

        var localOut = new ByteArrayOutputStream();
        var localErr = new ByteArrayOutputStream();
        var options = new LocalRun.Options(List.of(manifest), Demo.NAMESPACE, environment.workDir().resolve("jobs"),
                environment.workDir().resolve("kubeconfig"), 0, settings.timeout());
        int exit;
        DemoView view;
        AtomicReference<DataMigration> finalState = new AtomicReference<>();
        try (JobProgress progress = new JobProgress(options.kubeconfig())) {
            view = new DemoView(screen, progress, Clock.systemUTC());
            exit = new LocalRun(LocalOperator.launcher(), new PrintStream(localOut, true, StandardCharsets.UTF_8),
                    new PrintStream(localErr, true, StandardCharsets.UTF_8)).run(options, recording(view, finalState));
        }
        MigrationSnapshot last = view.last();
        if (last == null || finalState.get() == null) {
            err.print(localErr.toString(StandardCharsets.UTF_8));
            throw new IllegalStateException("the local run ended before the migration was applied");
        }
        Map<String, Long> inStage = countStage(postgres, stageDatabase, stage);
        out.println();
        List<String> summary = new java.util.ArrayList<>(new Summary(style).render(last, inStage,
                new OdcPlatformSteps(state).of(simulator.calls()), OdcPlatformSteps.unlisted(simulator.calls())));
        // the ODC part goes above the closing "Final phase" line
        summary.addAll(summary.size() - 1, new OdcSummary(style).render(finalState.get(), inStage,
                simulator.odcUsers().size()));
        summary.forEach(out::println);
        boolean succeeded = exit == 0 && last.phase() == Phase.Succeeded;
        if (!succeeded) {
            localErr.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith("local API server "))
                    .forEach(err::println);
            session.printTail(log);
        }
        if (settings.keep()) {
            session.keep(environment, postgres, List.of(Map.entry("Production", postgres.jdbcUrl(production)),
                    Map.entry("ODC stage", postgres.jdbcUrl(stageDatabase))));
        }
        return succeeded ? 0 : 1;
    }

    /** The demo's view, also keeping the last DataMigration (its status names the ODC apps and the user counts). */
    private static ProgressView recording(DemoView view, AtomicReference<DataMigration> last) {
        return new ProgressView() {
            @Override
            public void show(List<DataMigration> migrations) {
                remember(migrations);
                view.show(migrations);
            }

            @Override
            public void finish(List<DataMigration> migrations) {
                remember(migrations);
                view.finish(migrations);
            }

            private void remember(List<DataMigration> migrations) {
                if (migrations.size() == 1) {
                    last.set(migrations.get(0));
                }
            }
        };
    }

    /** Rows in each copied entity's stage table now ({@code app/entity}), counted independently of the copier. */
    private static Map<String, Long> countStage(EmbeddedPostgres postgres, String database, OdcStage stage)
            throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = postgres.connect(database)) {
            for (Map.Entry<EntitySpec, String> table : stage.tables().entrySet()) {
                if (!table.getKey().isStatic()) {
                    counts.put(stage.app(table.getKey()).orElseThrow() + "/" + table.getKey().name(),
                            Rows.count(connection, table.getValue()));
                }
            }
        }
        return counts;
    }
}
