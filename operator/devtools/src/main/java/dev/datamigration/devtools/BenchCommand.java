package dev.datamigration.devtools;

import dev.datamigration.devtools.bench.BenchDatabase;
import dev.datamigration.devtools.bench.BenchReport;
import dev.datamigration.devtools.bench.BenchRun;
import dev.datamigration.devtools.bench.SyncBench;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures the engine against the raw binary COPY pipe on an O11-shaped table (docs/performance.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Generate (or reuse) an O11-shaped entity table in a source database, then time in the same"
                + " run: (a) the raw JDBC pipe COPY TO STDOUT (FORMAT binary) -> COPY FROM STDIN (FORMAT binary),"
                + " (b) the engine copying the same rows as an entity (Preserve, user and static remaps active),"
                + " (c) the engine's verification. Prints rows/s, MB/s, ratios to (a) and peak heap; the last lines"
                + " are copy-ratio, copy-verify-ratio and peak-heap-mb (with --sync, then sync-equals-replace,"
                + " sync-ratio and sync-ratio-unchanged). Exit 0 done, 1 verification or copy failed,"
                + " 2 bad options.",
            "Passwords for --source-url/--target-url come from the environment variables"
                + " DATAMIGRATION_BENCH_SOURCE_PASSWORD and DATAMIGRATION_BENCH_TARGET_PASSWORD."})
public final class BenchCommand implements Callable<Integer> {

    static final String SOURCE_PASSWORD = "DATAMIGRATION_BENCH_SOURCE_PASSWORD";
    static final String TARGET_PASSWORD = "DATAMIGRATION_BENCH_TARGET_PASSWORD";

    @Option(names = "--rows", paramLabel = "N", defaultValue = "2000000", description = "rows of the big entity"
            + " (default ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "timed rounds; the figures are medians (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--source-url", paramLabel = "JDBC-URL", description = "source PostgreSQL database (an empty"
            + " one, or one an earlier bench prepared); default: an embedded server")
    String sourceUrl;

    @Option(names = "--target-url", paramLabel = "JDBC-URL", description = "target PostgreSQL database (empty or"
            + " prepared by an earlier bench)")
    String targetUrl;

    @Option(names = "--source-user", paramLabel = "USER", description = "source user")
    String sourceUser;

    @Option(names = "--target-user", paramLabel = "USER", description = "target user")
    String targetUser;

    @Option(names = "--batch-size", paramLabel = "ROWS", description = "engine batch size (fetch size and progress"
            + " interval; default ${DEFAULT-VALUE})", defaultValue = "10000")
    int batchSize;

    @Option(names = "--streams", paramLabel = "N", description = "parallel read streams per large entity"
            + " (default ${DEFAULT-VALUE})", defaultValue = "1")
    int streams;

    @Option(names = "--sync", description = "after the rounds, time existingData Sync with nothing changed and after"
            + " --change of the rows changed in the source, and prove its result equals a fresh Replace; prints"
            + " sync-ratio and sync-ratio-unchanged (Sync time over the last round's raw pipe time)")
    boolean sync;

    @Option(names = "--change", paramLabel = "PERCENT", defaultValue = "1%", description = "share of BenchRow rows"
            + " changed for --sync: updates, deletes and inserts, a third each (default ${DEFAULT-VALUE})")
    String change;

    private final UnaryOperator<String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public BenchCommand() {
        this(System::getenv, System.out, System.err);
    }

    public BenchCommand(UnaryOperator<String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        String problem = validate();
        if (problem != null) {
            err.println("bench: " + problem);
            return 2;
        }
        CopyOptions options = CopyOptions.defaults().withBatchSize(batchSize).withStreams(streams);
        if (sourceUrl != null) {
            return run(new BenchDatabase(sourceUrl, sourceUser, environment.apply(SOURCE_PASSWORD)),
                    new BenchDatabase(targetUrl, targetUser, environment.apply(TARGET_PASSWORD)), options);
        }
        out.println("starting an embedded PostgreSQL server");
        try (EmbeddedPostgres server = EmbeddedPostgres.start()) {
            server.createDatabase("bench_source");
            server.createDatabase("bench_target");
            return run(new BenchDatabase(server.jdbcUrl("bench_source"), server.username(), server.password()),
                    new BenchDatabase(server.jdbcUrl("bench_target"), server.username(), server.password()), options);
        }
    }

    private String validate() {
        if ((sourceUrl == null) != (targetUrl == null)) {
            return "give both --source-url and --target-url, or neither (embedded PostgreSQL)";
        }
        if (rows < 1) {
            return "--rows must be at least 1, not " + rows;
        }
        if (rounds < 1) {
            return "--rounds must be at least 1, not " + rounds;
        }
        if (batchSize < 1) {
            return "--batch-size must be at least 1, not " + batchSize;
        }
        if (streams < 1) {
            return "--streams must be at least 1, not " + streams;
        }
        if (changeShare() < 0) {
            return "--change must be a percentage above 0 and at most 100, such as 1%, not " + change;
        }
        return null;
    }

    /** {@code --change} as a share (0.01 for 1%), or -1 when it is not a percentage in (0, 100]. */
    private double changeShare() {
        String text = change == null ? "" : change.trim();
        if (!text.matches("\\d+(\\.\\d+)?%")) {
            return -1;
        }
        double share = Double.parseDouble(text.substring(0, text.length() - 1)) / 100;
        return share > 0 && share <= 1 ? share : -1;
    }

        private int run(BenchDatabase source, BenchDatabase target, CopyOptions options) {
        out.println("source " + source + ", target " + target);
        try {
            BenchRun bench = new BenchRun(source, target, options, out);
            BenchRun.Dataset dataset = bench.prepare(rows);
            List<BenchRun.Round> results = new ArrayList<>();
            for (int i = 1; i <= rounds; i++) {
                BenchRun.Round round = bench.round(rows);
                out.println(BenchReport.roundLine(i, round));
                results.add(round);
            }
            BenchReport.print(out, dataset, results);
            if (sync) {
                SyncBench.print(out, new SyncBench(source, target, options, out)
                        .run(results.get(results.size() - 1).rawNanos(), rows, changeShare()));
            }
            return 0;
        } catch (MigrationException e) {
            err.println("bench FAILED: " + e.getMessage());
            return 1;
        } catch (SQLException | RuntimeException e) {
            err.println("bench FAILED: " + e);
            return 1;
        }
    }
}
