package dev.datamigration.devtools.bench;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.sync.SyncCounts;
import dev.datamigration.fixtures.o11.model.Side;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --sync}: after a round's full copy, times existingData Sync twice in the same process and compares it
 * with that round's raw pipe: once with nothing changed, once after a share of the source's BenchRow rows changed
 * (updates and deletes spread evenly over the id range, inserts appended past the last id as an identity column
 * hands them out). Then it proves the Sync's result is a Replace's: the content hash of the target tables after the
 * Sync equals the hash after a fresh Replace of the same source. Sync times exclude the verification (as the copy
 * ratio does); it is printed on its own.
 */
public final class SyncBench {

    /** One Sync run: time without and with verification, and BenchRow's counts. */
    public record SyncRun(long syncNanos, long verifyNanos, SyncCounts counts) {
    }

    /** What the sync bench measured. */
    public record Result(long rawNanos, SyncRun unchanged, long changedRows, SyncRun changed, String syncedHash,
                         String replacedHash) {
    }

    private final BenchDatabase source;
    private final BenchDatabase target;
    private final CopyOptions options;
    private final PrintStream out;
    private final BenchModel model = new BenchModel();

    public SyncBench(BenchDatabase source, BenchDatabase target, CopyOptions options, PrintStream out) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.out = out;
    }

    /**
     * Runs on a target a round has just filled by a full copy; {@code rawNanos} is that round's raw pipe time and
     * {@code share} the share of BenchRow rows to change (0.01 for 1%).
     */
    public Result run(long rawNanos, long rows, double share) throws SQLException {
        SyncRun unchanged = sync();
        out.printf(Locale.ROOT, "sync, nothing changed: %.2f s (+ verification %.2f s); %s%n",
                unchanged.syncNanos() / 1e9, unchanged.verifyNanos() / 1e9, unchanged.counts());
        if (unchanged.counts().rowsChanged() != 0) {
            throw MigrationException.permanent("a Sync with nothing changed wrote " + unchanged.counts());
        }
        long changedRows = change(rows, share);
        SyncRun changed = sync();
        out.printf(Locale.ROOT, "sync, %,d rows changed: %.2f s (+ verification %.2f s); %s%n", changedRows,
                changed.syncNanos() / 1e9, changed.verifyNanos() / 1e9, changed.counts());
        String synced = contentHash();
        try (Connection s = source.connect(); Connection t = target.connect()) {
            Engine.copy(CopyRequest.of(s, t, List.of(BenchModel.APP), BenchModel.APP).withOptions(options)
                    .withConnections(source::connect, target::connect));
        }
        String replaced = contentHash();
        if (!synced.equals(replaced)) {
            throw MigrationException.permanent("the Sync left " + synced + ", a fresh Replace " + replaced);
        }
        return new Result(rawNanos, unchanged, changedRows, changed, synced, replaced);
    }

    public static void print(PrintStream out, Result r) {
        out.printf(Locale.ROOT, "content hash after Sync %s = after a fresh Replace %s%n", r.syncedHash(),
                r.replacedHash());
        out.printf(Locale.ROOT, "sync-equals-replace: %s%n", r.syncedHash().equals(r.replacedHash()));
        out.printf(Locale.ROOT, "sync-ratio: %.3f%n", (double) r.changed().syncNanos() / r.rawNanos());
        out.printf(Locale.ROOT, "sync-ratio-unchanged: %.3f%n", (double) r.unchanged().syncNanos() / r.rawNanos());
    }

    private SyncRun sync() throws SQLException {
        long[] verify = new long[1];
        SyncCounts[] counts = {SyncCounts.NONE};
        ProgressListener listener = new ProgressListener() {
            @Override
            public void entitySynced(EntityPlan entity, SyncCounts c) {
                if (entity.name().equals("BenchRow")) {
                    counts[0] = c;
                }
            }

            @Override
            public void entityVerified(EntityPlan entity, long rows, String hash, long millis) {
                verify[0] += millis;
            }
        };
        long started = System.nanoTime();
        try (Connection s = source.connect(); Connection t = target.connect()) {
            Engine.copy(CopyRequest.of(s, t, List.of(BenchModel.APP), BenchModel.APP)
                    .withOptions(options.withSync(true)).withListener(listener)
                    .withConnections(source::connect, target::connect));
        }
        long total = System.nanoTime() - started;
        long verifyNanos = verify[0] * 1_000_000L;
        return new SyncRun(total - verifyNanos, verifyNanos, counts[0]);
    }

    /**
     * Changes about {@code share} of the source's BenchRow rows, a third each: updates (Description and Amount) and
     * deletes at evenly spaced ids, inserts (copies of the first rows) past the last id. Returns the rows changed.
     */
    private long change(long rows, double share) throws SQLException {
        long each = Math.max(1, Math.round(rows * share / 3));
        long step = Math.max(3, rows / each);
        String table = BenchTable.quote(model.rowTable(Side.PRODUCTION));
        String columns = String.join(", ", model.rowColumns().stream().filter(c -> !c.equals("ID"))
                .map(BenchTable::quote).toList());
        long changed = 0;
        try (Connection s = source.connect(); Statement st = s.createStatement()) {
            s.setAutoCommit(true);
            long max;
            try (ResultSet rs = st.executeQuery("SELECT max(\"ID\") FROM " + table)) {
                rs.next();
                max = rs.getLong(1);
            }
            changed += st.executeUpdate("UPDATE " + table + " SET \"DESCRIPTION\" = md5(\"DESCRIPTION\"),"
                    + " \"AMOUNT\" = \"AMOUNT\" + 1 WHERE (\"ID\" - 1) % " + step + " = 0");
            changed += st.executeUpdate("DELETE FROM " + table + " WHERE (\"ID\" - 2) % " + step + " = 0");
            changed += st.executeUpdate("INSERT INTO " + table + " (\"ID\", " + columns + ") SELECT \"ID\" + " + max
                    + ", " + columns + " FROM " + table + " WHERE \"ID\" <= " + 2 * each
                    + " ORDER BY \"ID\" LIMIT " + each);
            st.execute("ANALYZE " + table);
        }
        return changed;
    }

    /** Rows and an order-independent hash of the target's Bench tables (the sum of each row's text's MD5). */
    private String contentHash() throws SQLException {
        StringBuilder hash = new StringBuilder();
        try (Connection t = target.connect(); Statement st = t.createStatement()) {
            for (String table : List.of(model.groupTable(Side.QA), model.rowTable(Side.QA))) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(('x' || substr(md5(t::text), 1,"
                        + " 16))::bit(64)::bigint), 0) FROM " + BenchTable.quote(table) + " t")) {
                    rs.next();
                    hash.append(hash.isEmpty() ? "" : " ").append(table).append(':').append(rs.getLong(1))
                            .append(':').append(rs.getBigDecimal(2).toPlainString());
                }
            }
        }
        return hash.toString();
    }
}
