package dev.datamigration.engine.sync;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.DeferredReference;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.RefKind;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.remap.RowTransformer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * existingData Sync for one entity, in one target transaction: leaves the entity's rows exactly as a Replace load
 * would (same rows, remaps, masking, second passes, identity reseed) but writes only what differs.
 * <ol>
 *   <li><b>Compare by key range.</b> The identifier's span (both sides) is cut into equal-width ranges; per range each
 *   side gives a row count and a hash sum over the compared columns (all but the deferred references, which have
 *   their own step). The target (PostgreSQL) always hashes in the database: its stored values are the final ones.
 *   What the source can hash depends on its columns, because a remapped (user, tenant, static), masked or converted
 *   value exists only after the {@link RowTransformer}, which runs in Java; hashing the source's stored value of such
 *   a column in the database would hash the wrong value:
 *   <ul>
 *     <li>PostgreSQL source whose computed columns have an SQL form ({@link WrittenFormSql}: integer static, user
 *     and tenant references remapped by a join with the remaps' pairs, constants as literals, every other column
 *     copied unchanged): both databases hash with the cheap {@link PgCanonSql#plainRowHashOf}; only per-range sums
 *     cross the network ({@link #compareInDatabase}: coarse ranges first, then bisection or one leaf scan).</li>
 *     <li>PostgreSQL source with other computed columns (masked, converted, ODC user keys; {@link #compareSplit}):
 *     each row's hash is the sum of two parts, the unchanged columns (hashed by both databases) and the identifier
 *     with the computed columns (the target hashes them with {@link PgCanonSql#rowHash}, the source streams only
 *     those narrow columns through the transformer and hashes them in Java with the same {@link RowCanon}); one grid
 *     of leaf-sized ranges.</li>
 *     <li>Any other source: every source row streams through the transformer and is hashed in Java ({@link RowCanon})
 *     into leaf-sized ranges, against the target's {@link PgCanonSql#rowHash} sums.</li>
 *   </ul>
 *   Bisection pays only where both sides hash in the database; where the source streams, it would stream again per
 *   level.</li>
 *   <li><b>Merge the differing ranges</b> ({@link KeyedMerge}): both sides' rows of those ranges in key order;
 *   insert, update, or collect the key as obsolete.</li>
 *   <li><b>Delete the obsolete rows</b> after releasing in-scope references to them ({@link ReferenceRelease}), then
 *   apply the staged updates and inserts ({@link RowWrites#apply}): a unique value may move from a deleted or updated
 *   row to another, as in a Replace.</li>
 *   <li><b>Second passes</b> of the deferred references into this entity ({@link DeferredColumnSync}).</li>
 *   <li>Reseed the identity; the caller's commit makes all of it one step. A kill rolls it back; the resumed run
 *   compares again, so it ends exactly where an uninterrupted one would.</li>
 * </ol>
 * An entity whose identifier is not an integer is merged whole (one range, keys in code point order); that needs
 * PostgreSQL on both sides, whose {@code COLLATE "C"} gives that order.
 */
public final class EntitySync {

    /** PostgreSQL's SQLSTATE for a unique index that refuses a row. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** Target rows per smallest range (a leaf): what a changed row costs to read on each side. */
    static final int LEAF_ROWS = 8;
    /** Parts a differing range is cut into per bisection level. */
    static final int FANOUT = 16;
    /** Bisection levels above the leaves (so the first level's ranges hold about LEAF_ROWS * FANOUT^LEVELS rows). */
    static final int LEVELS = 2;
    /**
     * Bisection stops paying when more than one coarse range in SPREAD differs (the change is spread over the table):
     * then one scan hashes every leaf.
     */
    static final int SPREAD = 8;
    /**
     * Ranges of {@link #PROBE_LEAVES} leaves hashed first, evenly spaced over the key span (primary-key range scans,
     * a few thousand rows per side): when more than one in {@link #SPREAD} differs, the change is spread and the leaf
     * scan runs at once, without the coarse scan that would only find most ranges different. Only for entities of at
     * least {@code PROBES} coarse ranges.
     */
    static final int PROBES = 16;
    /** Leaves per probed range: at 1% of rows changed evenly, nine probes in ten differ. */
    static final int PROBE_LEAVES = 32;
    /**
     * Threads for the target side's query while the caller runs the source's: blocking database calls, so not the
     * common pool (one thread on a 2-core host, shared by every entity synced at once).
     */
    private static final ExecutorService TARGET_SIDE = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sync-target-side");
        thread.setDaemon(true);
        return thread;
    });
    /** Most ranges of a grid hashed in Java (bounds the memory of one entity's streamed hashes). */
    static final int MAX_BUCKETS = 1 << 20;

    /**
     * What one entity's Sync did: the entity's rows after it, warnings (unmapped values), the counts, and the reference
     * columns whose values point at rows the source does not have (counted in the compare scan, see
     * {@link #countsDanglingReferences}; the caller words their warnings).
     */
    public record Result(long rows, List<String> warnings, SyncCounts counts, List<ColumnPlan> dangling) {
    }

    private final Connection source;
    private final Dialect sourceDialect;
    private final Connection target;
    private final Dialect targetDialect;
    private final Remaps remaps;
    private final boolean failOnUser;
    private final int batchSize;

    public EntitySync(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                      Remaps remaps, boolean failOnUnmatchedUser, int batchSize) {
        this.source = source;
        this.sourceDialect = sourceDialect;
        this.target = target;
        this.targetDialect = targetDialect;
        this.remaps = remaps;
        this.failOnUser = failOnUnmatchedUser;
        this.batchSize = batchSize;
    }

    /**
     * Whether the Sync of {@code entity} counts its dangling references (copied references to rows of in-scope
     * entities that the source does not have, the copy's warnings) in its own scan of the source, so that no separate
     * scan needs to: an integer identifier and every compared column with an SQL written form.
     */
    public static boolean countsDanglingReferences(EntityPlan entity, Dialect sourceDialect, Remaps remaps) {
        return entity.identifier().target().kind() == ValueKind.INTEGER
                && WrittenFormSql.of(compared(entity), sourceDialect, remaps) != null;
    }

    /** Whether Sync can write into targets of {@code dialect}: it hashes ranges with PostgreSQL's SQL. */
    public static boolean supportsTarget(Dialect dialect) {
        return dialect.speaksPostgresSql();
    }

    /** Syncs {@code entity}; the caller commits (or rolls back on failure). */
    public Result sync(EntityPlan entity, Plan plan) throws SQLException {
        boolean textKey = entity.identifier().target().kind() != ValueKind.INTEGER;
        if (!supportsTarget(targetDialect)) {
            throw MigrationException.permanent("existingData Sync needs a PostgreSQL target database, not "
                    + targetDialect.name());
        }
        List<DeferredReference> closing = plan.deferred().stream()
                .filter(d -> d.referenced().equals(entity.key())).toList();
        for (EntityPlan e : withOwners(entity, plan, closing)) {
            if (e.identifier().target().kind() != ValueKind.INTEGER && !sourceDialect.speaksPostgresSql()) {
                throw MigrationException.permanent("existingData Sync of " + e.label() + " needs an integer"
                        + " identifier or a PostgreSQL source (its text keys are compared in code point order)");
            }
        }
        EntityPlan view = compared(entity);
        int keyIndex = keyIndex(view);
        List<String> warnings = new ArrayList<>();
        List<ColumnPlan> dangling = new ArrayList<>();
        long[] counters = new long[2];
        Merged merged;
        try {
            merged = compareAndWrite(entity, plan, view, keyIndex, textKey, warnings, dangling, counters);
        } catch (SQLException e) {
            throw unlessUniqueClash(entity, e);
        }
        KeyedMerge merge = merged.merge();
        long deferredSet = 0;
        DeferredColumnSync second = new DeferredColumnSync(source, sourceDialect, target, targetDialect, remaps,
                batchSize);
        for (DeferredReference d : closing) {
            deferredSet += second.sync(plan.entity(d.owner()).orElseThrow(), d.column());
        }
        targetDialect.reseedIdentity(target, entity.targetTable(), entity.identifier().target().name());
        return new Result(merged.rows(), warnings, new SyncCounts(counters[0], merge.rangesRewritten,
                merge.inserted, merge.updated + deferredSet, merged.deleted()), List.copyOf(dangling));
    }

    /** The merge of one entity's Sync, the source rows it saw and the obsolete rows it deleted. */
    private record Merged(KeyedMerge merge, long rows, long deleted) {
    }

    /**
     * Compares, merges the differing ranges, deletes the obsolete rows and applies the staged writes: everything the
     * Sync writes into the entity's own table.
     */
    private Merged compareAndWrite(EntityPlan entity, Plan plan, EntityPlan view, int keyIndex, boolean textKey,
                                   List<String> warnings, List<ColumnPlan> dangling, long[] counters)
            throws SQLException {
        RowCanon canon = new RowCanon(view.columns().stream().map(c -> c.target().kind()).toArray(ValueKind[]::new));
        try (RowWrites writes = new RowWrites(target, targetDialect, entity, view, keyIndex, batchSize)) {
            RowTransformer leafTransformer = new RowTransformer(view, sourceDialect, remaps,
                    RowTransformer.Mode.FINAL, failOnUser);
            SideReads sourceReads = SideReads.source(source, sourceDialect, view, leafTransformer, keyIndex,
                    batchSize);
            SideReads targetReads = SideReads.target(target, targetDialect, view, keyIndex, batchSize);
            KeyedMerge merge;
            long rows;
            if (textKey) {
                merge = new KeyedMerge(canon, writes, key -> 0);
                try (KeyedRows s = sourceReads.all(); KeyedRows t = targetReads.all()) {
                    rows = merge.run(s, t);
                }
                counters[0] = 1;
                warnings.addAll(leafTransformer.unmappedReport());
            } else {
                List<long[]> leaves = new ArrayList<>();
                List<long[]> toRead = new ArrayList<>();
                rows = compare(entity, plan, view, keyIndex, canon, leaves, toRead, counters, warnings, dangling);
                merge = new KeyedMerge(canon, writes, key -> leafOf(leaves, (Long) key));
                if (!toRead.isEmpty()) {
                    KeyedRows[] reads = openBoth(() -> sourceReads.ranges(toRead), () -> targetReads.ranges(toRead));
                    try (KeyedRows s = reads[0]; KeyedRows t = reads[1]) {
                        merge.run(s, t);
                    }
                }
            }
            long deleted = new ReferenceRelease(target, targetDialect, batchSize).delete(entity, plan,
                    merge.obsolete, textKey);
            writes.apply();
            return new Merged(merge, rows, deleted);
        }
    }

    /**
     * A unique index that refuses a written row, as a failure that says why a Sync can meet it where a Replace does
     * not; any other failure as it is.
     */
    private static SQLException unlessUniqueClash(EntityPlan entity, SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw new MigrationException(entity.label() + ": the Sync cannot write its rows in place: "
                    + e.getMessage() + ". A unique value moves between rows that are both updated (two rows swap"
                    + " it), or the target role may not create temporary tables (then the Sync writes during its"
                    + " merge, before it deletes); existingData: Replace writes into emptied tables and does not"
                    + " clash", true, e);
        }
        return e;
    }

    /**
     * Compares the integer-keyed entity range by range and fills {@code leaves} with the smallest differing ranges,
     * sorted, and {@code toRead} with the key ranges the merge reads: the leaves, or, where both databases hash rows,
     * only their differing rows ({@link RowHashNarrowing}). Returns the source's rows; {@code counters[0]} counts the
     * ranges compared.
     */
    private long compare(EntityPlan entity, Plan plan, EntityPlan view, int keyIndex, RowCanon canon,
                         List<long[]> leaves, List<long[]> toRead, long[] counters, List<String> warnings,
                         List<ColumnPlan> dangling) throws SQLException {
        long rows = compareRanges(entity, plan, view, keyIndex, canon, leaves, toRead, counters, warnings, dangling);
        if (toRead.isEmpty()) {
            toRead.addAll(leaves);
        }
        return rows;
    }

    private long compareRanges(EntityPlan entity, Plan plan, EntityPlan view, int keyIndex, RowCanon canon,
                               List<long[]> leaves, List<long[]> toRead, long[] counters, List<String> warnings,
                               List<ColumnPlan> dangling) throws SQLException {
        String key = view.identifier().target().name();
        long[] sourceBounds = sourceDialect.keyBounds(source, view.sourceTable(), view.identifier().source().name());
        long[] targetBounds = targetDialect.keyBounds(target, view.targetTable(), key);
        if (sourceBounds == null && targetBounds == null) {
            return 0;
        }
        long min = Math.min(sourceBounds == null ? Long.MAX_VALUE : sourceBounds[0],
                targetBounds == null ? Long.MAX_VALUE : targetBounds[0]);
        long max = Math.max(sourceBounds == null ? Long.MIN_VALUE : sourceBounds[1],
                targetBounds == null ? Long.MIN_VALUE : targetBounds[1]);
        long span = max - min + 1;
        long density = Math.max(1, view.estimatedRows());
        long leafWidth = Math.max(1, (long) Math.ceil((double) LEAF_ROWS * span / density));
        WrittenFormSql written = WrittenFormSql.of(view, sourceDialect, remaps);
        if (written != null) {
            long rows = compareInDatabase(view, written, DanglingReferences.of(entity, plan, sourceDialect), min, max,
                    leafWidth, leaves, counters, warnings, dangling);
            if (!leaves.isEmpty()) {
                narrow(view, written, leaves, toRead);
            }
            return rows;
        }
        if (sourceDialect.speaksPostgresSql()) {
            return compareSplit(view, min, max, leafWidth, leaves, counters, warnings);
        }
        String targetHash = PgCanonSql.rowHash(targetDialect, parts(view.columns(), false));
        RangeHashes.Grid grid = RangeHashes.Grid.over(min, max,
                Math.max(leafWidth, (span + MAX_BUCKETS - 1) / MAX_BUCKETS));
        RowTransformer transformer = new RowTransformer(view, sourceDialect, remaps, RowTransformer.Mode.FINAL,
                failOnUser);
        RangeHashes[] both = both(() -> RangeHashes.streamed(source, sourceDialect, view, transformer,
                new RowCanon(canon.kinds()), keyIndex, grid, batchSize), () -> RangeHashes.inDatabase(target,
                targetDialect, view.targetTable(), key, targetHash, grid));
        RangeHashes ours = both[0];
        RangeHashes stored = both[1];
        counters[0] += grid.size();
        for (int i = 0; i < grid.size(); i++) {
            if (!ours.same(stored, i)) {
                leaves.add(grid.range(i));
            }
        }
        warnings.addAll(transformer.unmappedReport());
        return ours.totalRows();
    }

    /**
     * The comparison when the source computes the written form in SQL ({@link WrittenFormSql}): both databases hash
     * their rows with the cheap {@link PgCanonSql#plainRowHashOf} and only per-range sums cross the network.
     * <ol>
     *   <li>{@link #PROBES} small ranges spread over the span are hashed first: when several differ, the change is
     *   spread and one scan per side hashes every leaf at once (the last step, without the coarse scan).</li>
     *   <li>One scan per side hashes coarse ranges of about {@code LEAF_ROWS * FANOUT^LEVELS} rows, counting on the
     *   way the remapped values without a counterpart (the warnings a Replace gives) and the references to rows the
     *   source does not have ({@link DanglingReferences}). Nothing changed: done.</li>
     *   <li>Few coarse ranges differ (a change in one place): each level cuts the differing ranges in {@link #FANOUT}
     *   parts and hashes them from their rows alone (primary-key range scans), down to leaves of about
     *   {@link #LEAF_ROWS} rows.</li>
     *   <li>Many differ (a change spread over the table): bisecting would read most rows once per level, so one more
     *   scan per side hashes every leaf at once.</li>
     * </ol>
     */
    private long compareInDatabase(EntityPlan view, WrittenFormSql written, DanglingReferences references,
                                   long min, long max, long leafWidth, List<long[]> leaves, long[] counters,
                                   List<String> warnings, List<ColumnPlan> dangling) throws SQLException {
        List<String> counted = new ArrayList<>(written.unmappedConditions(sourceDialect));
        counted.addAll(references.conditions());
        RangeHashes.Side[] sides = hashSides(view, written, references.joins(), counted);
        RangeHashes.Side ours = sides[0];
        RangeHashes.Side stored = sides[1];
        int unmappedColumns = written.lookups().size();
        long span = max - min + 1;
        long width = leafWidth;
        for (int level = 0; level < LEVELS; level++) {
            width *= FANOUT;
        }
        while ((span + width - 1) / width > MAX_BUCKETS) {
            width *= FANOUT;
        }
        RangeHashes.Grid coarse = RangeHashes.Grid.over(min, max, width);
        RangeHashes.Grid fine = RangeHashes.Grid.over(min, max, Math.max(leafWidth,
                (span + MAX_BUCKETS - 1) / MAX_BUCKETS));
        if (coarse.size() >= PROBES) {
            long probeWidth = leafWidth * PROBE_LEAVES;
            List<long[]> probes = new ArrayList<>();
            for (int p = 0; p < PROBES; p++) {
                long lo = coarse.range((int) ((long) p * coarse.size() / PROBES))[0];
                probes.add(new long[] {lo, lo + probeWidth});
            }
            RangeHashes[] probed = both(() -> RangeHashes.split(source, sourceDialect, ours, probes, 1, probeWidth),
                    () -> RangeHashes.split(target, targetDialect, stored, probes, 1, probeWidth));
            counters[0] += PROBES;
            int differ = 0;
            for (int p = 0; p < PROBES; p++) {
                differ += probed[0].same(probed[1], p) ? 0 : 1;
            }
            if (differ * SPREAD > PROBES) {
                // the change is spread over the table: the coarse scan would find most ranges different and the
                // leaf scan would follow it, so go to the leaves at once
                RangeHashes sourceLeaves = fineScan(ours, stored, fine, leaves, counters);
                warnings.addAll(unmapped(view, written, sourceLeaves.counted));
                dangling.addAll(references.found(sourceLeaves.counted, unmappedColumns));
                return sourceLeaves.totalRows();
            }
        }
        RangeHashes[] top = both(() -> RangeHashes.grouped(source, sourceDialect, ours, coarse),
                () -> RangeHashes.grouped(target, targetDialect, stored, coarse));
        counters[0] += coarse.size();
        warnings.addAll(unmapped(view, written, top[0].counted));
        dangling.addAll(references.found(top[0].counted, unmappedColumns));
        List<long[]> differing = new ArrayList<>();
        for (int i = 0; i < coarse.size(); i++) {
            if (!top[0].same(top[1], i)) {
                differing.add(coarse.range(i));
            }
        }
        long sourceRows = top[0].totalRows();
        if (differing.isEmpty()) {
            return sourceRows;
        }
        if (differing.size() * SPREAD > coarse.size()) {
            fineScan(ours, stored, fine, leaves, counters);
            return sourceRows;
        }
        while (width > leafWidth && !differing.isEmpty()) {
            long part = width / FANOUT;
            List<long[]> parents = differing;
            RangeHashes[] level = both(() -> RangeHashes.split(source, sourceDialect, ours, parents, FANOUT, part),
                    () -> RangeHashes.split(target, targetDialect, stored, parents, FANOUT, part));
            counters[0] += (long) parents.size() * FANOUT;
            differing = new ArrayList<>();
            for (int i = 0; i < parents.size(); i++) {
                for (int j = 0; j < FANOUT; j++) {
                    if (!level[0].same(level[1], i * FANOUT + j)) {
                        long lo = parents.get(i)[0] + j * part;
                        differing.add(new long[] {lo, lo + part});
                    }
                }
            }
            width = part;
        }
        leaves.addAll(differing);
        return sourceRows;
    }

    /**
     * Adds to {@code toRead} the keys of {@code leaves} whose rows differ ({@link RowHashNarrowing}), both databases
     * hashing each row; nothing when there are too many runs of them (the merge then reads the leaves whole).
     */
    private void narrow(EntityPlan view, WrittenFormSql written, List<long[]> leaves, List<long[]> toRead)
            throws SQLException {
        RangeHashes.Side[] sides = hashSides(view, written, "", List.of());
        KeyedRows[] hashes = openBoth(() -> RowHashNarrowing.read(source, sourceDialect, sides[0], leaves,
                batchSize), () -> RowHashNarrowing.read(target, targetDialect, sides[1], leaves, batchSize));
        try (KeyedRows ours = hashes[0]; KeyedRows stored = hashes[1]) {
            List<long[]> differingRows = RowHashNarrowing.differing(ours, stored);
            if (differingRows != null) {
                toRead.addAll(differingRows);
            }
        }
    }

    /**
     * The source's and the target's side of an in-database compare: each database hashes its rows with
     * {@link PgCanonSql#plainRowHashOf}, the source over the written form ({@code written}), with {@code moreJoins}
     * after its joins and {@code counted} conditions counted in its scans.
     */
    private RangeHashes.Side[] hashSides(EntityPlan view, WrittenFormSql written, String moreJoins,
                                         List<String> counted) {
        List<ValueKind> kinds = view.columns().stream().map(c -> c.target().kind()).toList();
        String targetHash = PgCanonSql.plainRowHashOf(view.columns().stream()
                .map(c -> "t." + targetDialect.quote(c.target().name())).toList(), kinds);
        String sourceHash = PgCanonSql.plainRowHashOf(written.expressions(), kinds);
        return new RangeHashes.Side[] {
            new RangeHashes.Side(view.sourceTable(), view.identifier().source().name(), sourceHash,
                    written.joins() + moreJoins, written, counted),
            new RangeHashes.Side(view.targetTable(), view.identifier().target().name(), targetHash, "", null,
                    List.of())};
    }

    /**
     * One scan per side hashing every range of {@code fine} (the leaves); adds the differing ones to {@code leaves}
     * and returns the source's hashes (with its counted conditions).
     */
    private RangeHashes fineScan(RangeHashes.Side ours, RangeHashes.Side stored, RangeHashes.Grid fine,
                                 List<long[]> leaves, long[] counters) throws SQLException {
        RangeHashes[] all = both(() -> RangeHashes.grouped(source, sourceDialect, ours, fine),
                () -> RangeHashes.grouped(target, targetDialect, stored, fine));
        counters[0] += fine.size();
        for (int i = 0; i < fine.size(); i++) {
            if (!all[0].same(all[1], i)) {
                leaves.add(fine.range(i));
            }
        }
        return all[0];
    }

    /**
     * The warnings (or the failure) a Replace's transformer would give for the remapped values without a
     * counterpart, counted in the source's scan: per such column, a few of its values and the first row holding one.
     */
    private List<String> unmapped(EntityPlan view, WrittenFormSql written, long[] counted) throws SQLException {
        RowTransformer report = new RowTransformer(view, sourceDialect, remaps, RowTransformer.Mode.FINAL,
                failOnUser);
        List<String> conditions = written.unmappedConditions(sourceDialect);
        for (int j = 0; j < conditions.size(); j++) {
            if (counted[j] == 0) {
                continue;
            }
            WrittenFormSql.Lookup lookup = written.lookups().get(j);
            String sql = "SELECT t." + sourceDialect.quote(lookup.plan().source().name()) + "::bigint, min(t."
                    + sourceDialect.quote(view.identifier().source().name()) + ") FROM "
                    + sourceDialect.quote(view.sourceTable()) + " t" + written.joins() + " WHERE "
                    + conditions.get(j) + " GROUP BY 1 ORDER BY 2 LIMIT 5";
            List<Long> values = new ArrayList<>();
            Object firstRow = null;
            try (PreparedStatement ps = source.prepareStatement(sql)) {
                written.bind(source, ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getLong(1));
                        if (firstRow == null) {
                            firstRow = rs.getObject(2);
                        }
                    }
                }
            }
            report.countUnmapped(lookup.column(), counted[j], values, firstRow);
        }
        return report.unmappedReport();
    }

    /**
     * The comparison of an entity on a PostgreSQL source with some computed columns (remapped, masked, converted):
     * each row's hash is split in two parts summed together, the copied-unchanged columns (hashed by both databases)
     * and the identifier with the computed columns (hashed by the target's database, and in Java over the source rows
     * after the transformer). So only the identifier and the computed columns' source values stream, not the wide
     * rest (texts, binaries). One grid of leaf-sized ranges; no bisection, which would stream them again per level.
     */
    private long compareSplit(EntityPlan view, long min, long max, long leafWidth, List<long[]> leaves,
                              long[] counters, List<String> warnings) throws SQLException {
        List<ColumnPlan> plain = new ArrayList<>();
        List<ColumnPlan> computed = new ArrayList<>();
        computed.add(view.identifier());
        for (ColumnPlan c : view.columns()) {
            if (plainOnSource(c)) {
                plain.add(c);
            } else if (!c.target().name().equals(view.identifier().target().name())) {
                computed.add(c);
            }
        }
        String key = view.identifier().target().name();
        String targetHash = "(" + PgCanonSql.plainRowHash(targetDialect, plainColumns(plain, false))
                + ")::numeric + (" + PgCanonSql.rowHash(targetDialect, parts(computed, false)) + ")::numeric";
        String sourcePlainHash = PgCanonSql.plainRowHash(sourceDialect, plainColumns(plain, true));
        EntityPlan narrow = new EntityPlan(view.key(), view.app(), view.module(), view.name(), view.sourceTable(),
                view.targetTable(), view.targetEventTable(), view.identifier(), computed, view.estimatedRows());
        RowTransformer transformer = new RowTransformer(narrow, sourceDialect, remaps, RowTransformer.Mode.FINAL,
                failOnUser);
        RowCanon canon = new RowCanon(computed.stream().map(c -> c.target().kind()).toArray(ValueKind[]::new));
        RangeHashes.Grid grid = RangeHashes.Grid.over(min, max,
                Math.max(leafWidth, (max - min + MAX_BUCKETS) / MAX_BUCKETS));
        // The source's two parts run one after the other on its connection while the target hashes at once.
        RangeHashes[] sides = both(() -> RangeHashes.inDatabase(source, sourceDialect, view.sourceTable(),
                view.identifier().source().name(), sourcePlainHash, grid).plus(RangeHashes.streamed(source,
                sourceDialect, narrow, transformer, canon, 0, grid, batchSize)), () -> RangeHashes.inDatabase(target,
                targetDialect, view.targetTable(), key, targetHash, grid));
        RangeHashes ours = sides[0];
        counters[0] += grid.size();
        for (int i = 0; i < grid.size(); i++) {
            if (!ours.same(sides[1], i)) {
                leaves.add(grid.range(i));
            }
        }
        warnings.addAll(transformer.unmappedReport());
        return ours.totalRows();
    }

    /**
     * A compared column both databases can hash alike: copied unchanged (no remap, no mask, the same value kind on
     * both sides). A constant is not: the target's database would hash its stored value, the source has none.
     */
    private static boolean plainOnSource(ColumnPlan c) {
        return c.copied() && c.ref() == RefKind.NONE && c.mask() == null && c.source().kind() == c.target().kind();
    }

    /** The plain columns' names on the source ({@code onSource}) or the target side, with their value kinds. */
    private static List<PgCanonSql.Part> plainColumns(List<ColumnPlan> columns, boolean onSource) {
        return columns.stream().map(c -> new PgCanonSql.Part(onSource ? c.source().name() : c.target().name(),
                c.target().kind(), null)).toList();
    }

    /** The canonical parts of the compared columns, named on the source ({@code onSource}) or the target side. */
    private static List<PgCanonSql.Part> parts(List<ColumnPlan> columns, boolean onSource) {
        List<PgCanonSql.Part> parts = new ArrayList<>();
        for (ColumnPlan c : columns) {
            ValueKind kind = c.target().kind();
            if (onSource && !c.copied()) {
                parts.add(new PgCanonSql.Part(null, kind, new RowCanon(new ValueKind[] {kind})
                        .text(new Object[] {c.constant()})));
            } else {
                parts.add(new PgCanonSql.Part(onSource ? c.source().name() : c.target().name(), kind, null));
            }
        }
        return parts;
    }

    /** The entity without its deferred columns: what the range hashes and the merge compare and write. */
    private static EntityPlan compared(EntityPlan entity) {
        List<ColumnPlan> columns = entity.columns().stream().filter(c -> !c.deferred()).toList();
        return new EntityPlan(entity.key(), entity.app(), entity.module(), entity.name(), entity.sourceTable(),
                entity.targetTable(), entity.targetEventTable(), entity.identifier(), columns,
                entity.estimatedRows());
    }

    private static int keyIndex(EntityPlan view) {
        String id = view.identifier().target().name();
        for (int i = 0; i < view.columns().size(); i++) {
            if (view.columns().get(i).target().name().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException(view.label() + ": the identifier is not among the columns");
    }

    private static List<EntityPlan> withOwners(EntityPlan entity, Plan plan, List<DeferredReference> closing) {
        List<EntityPlan> entities = new ArrayList<>(List.of(entity));
        closing.forEach(d -> entities.add(plan.entity(d.owner()).orElseThrow()));
        return entities;
    }

    /** The index of the leaf (sorted, disjoint ranges) holding {@code key}. */
    private static long leafOf(List<long[]> leaves, long key) {
        int i = Collections.binarySearch(leaves, new long[] {key, key}, (a, b) -> Long.compare(a[0], b[0]));
        return i >= 0 ? i : -i - 2;
    }

    /** A database call that may throw SQLException, run on another thread. */
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** Gives back what one side got when the other side failed (closes an open read). */
    private interface Release<T> {
        void release(T got) throws SQLException;
    }

    /**
     * Runs the source side here and the target side on another thread at once (two databases, two connections);
     * waits for both before returning or throwing, so no query is left running on a connection the caller then
     * rolls back; when one side fails, what the other got is released.
     */
    private static <T> List<T> atOnce(SqlCall<T> sourceSide, SqlCall<T> targetSide, Release<T> release)
            throws SQLException {
        CompletableFuture<T> theirs = async(targetSide);
        T ours;
        try {
            ours = sourceSide.call();
        } catch (SQLException | RuntimeException e) {
            try {
                release.release(join(theirs));
            } catch (SQLException | RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
        try {
            return List.of(ours, join(theirs));
        } catch (SQLException | RuntimeException e) {
            try {
                release.release(ours);
            } catch (SQLException | RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
    }

    /** Both sides' range hashes, computed at once. */
    private static RangeHashes[] both(SqlCall<RangeHashes> sourceSide, SqlCall<RangeHashes> targetSide)
            throws SQLException {
        return atOnce(sourceSide, targetSide, got -> { }).toArray(RangeHashes[]::new);
    }

    /**
     * Both sides' reads, opened at once: each waits for its database to sort the ranges' rows before the first comes
     * back.
     */
    private static KeyedRows[] openBoth(SqlCall<KeyedRows> sourceSide, SqlCall<KeyedRows> targetSide)
            throws SQLException {
        return atOnce(sourceSide, targetSide, KeyedRows::close).toArray(KeyedRows[]::new);
    }

    private static <T> CompletableFuture<T> async(SqlCall<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, TARGET_SIDE);
    }

    private static <T> T join(CompletableFuture<T> future) throws SQLException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
