package dev.datamigration.devtools.bench;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.CopyResult;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.fixtures.o11.model.Side;
import dev.datamigration.fixtures.o11.sql.FactoryWriter;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Prepares the bench databases and times one round: (a) the {@link RawPipe} into a scratch copy of the target table,
 * (b) the engine copying app Bench (existingData Replace, identity Preserve, user and static remaps active) and
 * (c) the engine's verification of every entity, which fails the run when a hash differs.
 */
public final class BenchRun {

    /** The raw pipe's scratch table in the target, created like the target entity table and dropped afterwards. */
    static final String RAW_TABLE = "BENCH_RAWPIPE";

    private final BenchDatabase source;
    private final BenchDatabase target;
    private final CopyOptions options;
    private final PrintStream out;
    private final BenchModel model = new BenchModel();

    public BenchRun(BenchDatabase source, BenchDatabase target, CopyOptions options, PrintStream out) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.out = out;
    }

    /** What the source holds once prepared. */
    public record Dataset(long rows, long bytes) {
    }

    /**
     * Times of one round, in nanoseconds ({@code loadNanos}: the part of {@code copyNanos} that is BenchRow's load
     * transaction; the rest is catalogs, plan, user and reference checks, wipe and the small entity), the heap figures
     * of (b)+(c), and the CPU of (a) and of (b)+(c) (the JVM's CPU time and the host's busy share).
     */
    public record Round(long rawNanos, long copyNanos, long loadNanos, long verifyNanos, long peakHeapMib,
                        long liveHeapMib, CpuProbe.Usage rawCpu, CpuProbe.Usage engineCpu) {
    }

    /**
     * Builds the O11 metamodel and tables in empty databases (or reuses an earlier bench's), and generates
     * {@code rows} rows in the source unless it already holds exactly that many.
     */
    public Dataset prepare(long rows) throws SQLException {
        String sourceTable = model.rowTable(Side.PRODUCTION);
        try (Connection s = source.connect(); Connection t = target.connect()) {
            if (!BenchTable.exists(s, sourceTable)) {
                FactoryWriter.write(model.model(), Side.PRODUCTION, s);
            }
            if (!BenchTable.exists(t, model.rowTable(Side.QA))) {
                FactoryWriter.write(model.model(), Side.QA, t);
            }
            if (BenchTable.count(s, sourceTable) == rows) {
                out.printf("reusing the %,d rows of %s%n", rows, sourceTable);
            } else {
                long started = System.nanoTime();
                BenchTable.fill(s, model.groupTable(Side.PRODUCTION), sourceTable, rows);
                out.printf("generated %,d rows in %s in %.1f s%n", rows, sourceTable, seconds(System.nanoTime()
                        - started));
            }
            return new Dataset(rows, BenchTable.bytes(s, sourceTable));
        }
    }

    /** One timed round. Throws when a step moved the wrong number of rows or verification failed. */
    public Round round(long rows) throws SQLException {
        String targetTable = model.rowTable(Side.QA);
        String columns = String.join(", ", model.rowColumns().stream().map(BenchTable::quote).toList());
        long rawNanos;
        CpuProbe rawProbe = new CpuProbe();
        CpuProbe.Usage rawCpu;
        try (Connection s = source.connect(); Connection t = target.connect()) {
            execute(t, "DROP TABLE IF EXISTS " + BenchTable.quote(RAW_TABLE));
            execute(t, "CREATE TABLE " + BenchTable.quote(RAW_TABLE) + " (LIKE " + BenchTable.quote(targetTable)
                    + " INCLUDING ALL)");
            quiesce(t);
            rawProbe.start();
            long started = System.nanoTime();
            long moved = RawPipe.copy(s, model.rowTable(Side.PRODUCTION), t, RAW_TABLE, columns);
            rawNanos = System.nanoTime() - started;
            rawCpu = rawProbe.stop();
            if (moved != rows) {
                throw new IllegalStateException("the raw pipe moved " + moved + " rows, not " + rows);
            }
            execute(t, "DROP TABLE " + BenchTable.quote(RAW_TABLE));
            execute(t, "TRUNCATE " + BenchTable.quote(model.groupTable(Side.QA)) + ", "
                    + BenchTable.quote(targetTable));
            quiesce(t);
        }
        Timing timing = new Timing();
        CopyResult result;
        long engineNanos;
        long peak;
        long live;
        CpuProbe engineProbe = new CpuProbe();
        CpuProbe.Usage engineCpu;
        try (Connection s = source.connect(); Connection t = target.connect(); HeapProbe heap = new HeapProbe()) {
            heap.start();
            engineProbe.start();
            long started = System.nanoTime();
            result = Engine.copy(CopyRequest.of(s, t, List.of(BenchModel.APP), BenchModel.APP).withOptions(options)
                    .withListener(timing).withConnections(source::connect, target::connect));
            engineNanos = System.nanoTime() - started;
            engineCpu = engineProbe.stop();
            peak = heap.peakMib();
            live = heap.liveMib();
        }
        CopyResult.EntityResult big = result.entities().stream().filter(e -> e.name().equals("BenchRow"))
                .findFirst().orElseThrow(() -> new IllegalStateException("the engine did not copy BenchRow"));
        if (big.rows() != rows) {
            throw MigrationException.permanent("the engine verified " + big.rows() + " BenchRow rows, not " + rows);
        }
        long verifyNanos = timing.verifyMillis * 1_000_000L;
        return new Round(rawNanos, engineNanos - verifyNanos, timing.bigLoadMillis * 1_000_000L, verifyNanos, peak,
                live, rawCpu, engineCpu);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Writes dirty pages out before a timed step, so one step's writes do not slow the next one. */
    private static void quiesce(Connection connection) {
        try {
            execute(connection, "CHECKPOINT");
        } catch (SQLException e) {
            // Not allowed for this user (CHECKPOINT needs superuser or pg_checkpoint): the figures are noisier.
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Sums the engine's verification time (copy time is the rest of the engine call) and times BenchRow's load. */
    private static final class Timing implements ProgressListener {
        private long verifyMillis;
        private long bigLoadMillis;

        @Override
        public void entityCopied(EntityPlan entity, long rows, long millis) {
            if (entity.name().equals("BenchRow")) {
                bigLoadMillis = millis;
            }
        }

        @Override
        public void entityVerified(EntityPlan entity, long rows, String hash, long millis) {
            verifyMillis += millis;
        }
    }
}
