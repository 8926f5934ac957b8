package dev.datamigration.engine.remap;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.Values;
import dev.datamigration.engine.mask.Masker;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.RefKind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a source row into the target row of one entity: reads each source column once, converts it to the target
 * column's kind, remaps static, user and tenant references, fills constants, and writes NULL into deferred columns
 * in the {@link Mode#LOAD} pass. The output array is reused between rows (no per-row maps). Values that cannot be
 * remapped become NULL and are counted per column ({@link #unmappedReport()}), except unmatched users under the Fail
 * policy, which stop the copy. Masked columns ({@link ColumnPlan#mask()}) are rewritten last, so every path that
 * writes or hashes a row (bulk writers, parallel streams, the verification's source side) sees only masked values.
 */
public final class RowTransformer {

    /** LOAD: deferred references NULL (first pass). FINAL: every column as it ends up after the second pass. */
    public enum Mode { LOAD, FINAL }

    private static final int SAMPLES = 5;
    /** Entries of a column's resolved static references kept (static entities are small; this bounds a bad case). */
    private static final int RESOLVED_LIMIT = 4096;

    private final EntityPlan plan;
    private final Dialect dialect;
    private final Remaps remaps;
    private final boolean failOnUnmatchedUser;
    private final List<String> sourceColumns;
    private final List<PhysicalColumn> sourceColumnDefs;
    private final ValueKind[] sourceKinds;
    private final int[] sourceIndex;
    private final ColumnPlan[] columns;
    private final Map<String, String>[] staticMaps;
    /** Per static reference column: source value as read -> target value as written, for values that map. */
    private final Map<Object, Object>[] resolvedStatic;
    private final boolean[] nullInThisPass;
    private final Masker[] masks;
    private final Object[] sourceValues;
    private final Object[] row;
    private final long[] unmapped;
    private final List<Set<String>> samples = new ArrayList<>();
    private final int identifierSourceIndex;

    @SuppressWarnings("unchecked")
    public RowTransformer(EntityPlan plan, Dialect sourceDialect, Remaps remaps, Mode mode,
                          boolean failOnUnmatchedUser) {
        this.plan = plan;
        this.dialect = sourceDialect;
        this.remaps = remaps;
        this.failOnUnmatchedUser = failOnUnmatchedUser;
        this.columns = plan.columns().toArray(ColumnPlan[]::new);
        Map<String, Integer> selected = new LinkedHashMap<>();
        List<ValueKind> kinds = new ArrayList<>();
        List<PhysicalColumn> defs = new ArrayList<>();
        selected.put(plan.identifier().source().name(), 0);
        kinds.add(plan.identifier().source().kind());
        defs.add(plan.identifier().source());
        this.sourceIndex = new int[columns.length];
        this.staticMaps = new Map[columns.length];
        this.resolvedStatic = new Map[columns.length];
        this.nullInThisPass = new boolean[columns.length];
        this.masks = new Masker[columns.length];
        for (int i = 0; i < columns.length; i++) {
            ColumnPlan c = columns[i];
            masks[i] = c.mask();
            samples.add(new LinkedHashSet<>());
            nullInThisPass[i] = mode == Mode.LOAD && c.deferred();
            if (!c.copied() || nullInThisPass[i]) {
                sourceIndex[i] = -1;
                continue;
            }
            Integer index = selected.get(c.source().name());
            if (index == null) {
                index = selected.size();
                selected.put(c.source().name(), index);
                kinds.add(c.source().kind());
                defs.add(c.source());
            }
            sourceIndex[i] = index;
            if (c.ref() == RefKind.STATIC) {
                staticMaps[i] = remaps.staticMap(c.referenced());
                resolvedStatic[i] = new HashMap<>();
            }
        }
        this.identifierSourceIndex = 0;
        this.sourceColumns = List.copyOf(selected.keySet());
        this.sourceColumnDefs = List.copyOf(defs);
        this.sourceKinds = kinds.toArray(ValueKind[]::new);
        this.sourceValues = new Object[sourceKinds.length];
        this.row = new Object[columns.length];
        this.unmapped = new long[columns.length];
    }

    /** Real source column names to SELECT, the identifier first. */
    public List<String> sourceColumns() {
        return sourceColumns;
    }

    /** The source columns to read, in {@link #sourceColumns()} order (for a {@code BulkReader}). */
    public List<PhysicalColumn> sourceColumnDefs() {
        return sourceColumnDefs;
    }

    /**
     * The array a bulk reader fills with one source row (in {@link #sourceColumnDefs()} order) before
     * {@link #transformSource()}; reused between rows.
     */
    public Object[] sourceBuffer() {
        return sourceValues;
    }

    /** The identifier of the row last transformed (for messages). */
    public Object currentKey() {
        return sourceValues[identifierSourceIndex];
    }

    /** Reads the current row of {@code rs} (selected as {@link #sourceColumns()}) and returns the target row. */
    public Object[] transform(ResultSet rs) throws SQLException {
        for (int i = 0; i < sourceKinds.length; i++) {
            sourceValues[i] = dialect.readValue(rs, i + 1, sourceKinds[i]);
        }
        return transformSource();
    }

    /** Returns the target row of the source row in {@link #sourceBuffer()}. The array is reused between rows. */
    public Object[] transformSource() {
        for (int i = 0; i < columns.length; i++) {
            ColumnPlan c = columns[i];
            if (nullInThisPass[i]) {
                row[i] = null;
            } else if (sourceIndex[i] < 0) {
                row[i] = c.constant();
            } else {
                row[i] = value(i, c);
            }
        }
        return row;
    }

    /**
     * {@link #transformSource()} for a row whose columns with {@code passThrough[i] >= 0} a writer takes as they are
     * from the source: those are left NULL here and never computed.
     */
    public Object[] transformSource(int[] passThrough) {
        for (int i = 0; i < columns.length; i++) {
            if (passThrough[i] >= 0) {
                row[i] = null;
            } else if (nullInThisPass[i]) {
                row[i] = null;
            } else if (sourceIndex[i] < 0) {
                row[i] = columns[i].constant();
            } else {
                row[i] = value(i, columns[i]);
            }
        }
        return row;
    }

    /** The target value of copied column {@code i}: remapped, then masked. NULL stays NULL. */
    private Object value(int i, ColumnPlan c) {
        Object value = sourceValues[sourceIndex[i]];
        if (value == null) {
            return null;
        }
        Object remapped = remap(i, c, value);
        return masks[i] == null || remapped == null ? remapped : masks[i].mask(remapped);
    }

    /**
     * For each target column, the source field (in {@link #sourceColumnDefs()} order) it copies unchanged (no remap, no
     * mask, no constant, not deferred in this pass), or -1: the candidates for taking a field's bytes as they are.
     */
    public int[] plainSources() {
        int[] plain = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            boolean plainCopy = !nullInThisPass[i] && sourceIndex[i] >= 0 && columns[i].ref() == RefKind.NONE
                    && masks[i] == null;
            plain[i] = plainCopy ? sourceIndex[i] : -1;
        }
        return plain;
    }

    /**
     * The source fields a row must have decoded when the columns with {@code passThrough[i] >= 0} are taken as they
     * are: the identifier (for messages) and every field another column is computed from.
     */
    public boolean[] fieldsToDecode(int[] passThrough) {
        boolean[] decode = new boolean[sourceKinds.length];
        decode[identifierSourceIndex] = true;
        for (int i = 0; i < columns.length; i++) {
            if (passThrough[i] < 0 && !nullInThisPass[i] && sourceIndex[i] >= 0) {
                decode[sourceIndex[i]] = true;
            }
        }
        return decode;
    }

    /** Whether this pass writes NULL into a deferred reference column (it is set by a later second pass). */
    public boolean defersColumns() {
        for (boolean deferred : nullInThisPass) {
            if (deferred) {
                return true;
            }
        }
        return false;
    }

    private Object remap(int i, ColumnPlan c, Object value) {
        ValueKind kind = c.target().kind();
        switch (c.ref()) {
            case NONE -> {
                return Values.convert(value, kind);
            }
            case STATIC -> {
                // The same few static records repeat on every row: resolve each source value once.
                Object resolved = resolvedStatic[i].get(value);
                if (resolved != null) {
                    return resolved;
                }
                String mapped = staticMaps[i].get(canonical(value));
                if (mapped == null) {
                    return unmapped(i, remaps.describeStaticRecord(c.referenced(), canonical(value)));
                }
                resolved = Values.convert(mapped, kind);
                if (resolvedStatic[i].size() < RESOLVED_LIMIT) {
                    resolvedStatic[i].put(value, resolved);
                }
                return resolved;
            }
            case USER -> {
                long id = asLong(value);
                Object mapped = remaps.userValue(id).orElse(null);
                if (mapped == null) {
                    if (failOnUnmatchedUser) {
                        throw MigrationException.permanent(plan.label() + "." + c.attribute() + " of row "
                                + currentKey() + " references user " + remaps.describeSourceUser(id)
                                + ", who has no target user with that username and tenant");
                    }
                    return unmapped(i, remaps.describeSourceUser(id));
                }
                return Values.convert(mapped, kind);
            }
            case TENANT -> {
                long id = asLong(value);
                Long mapped = remaps.tenant(id).orElse(null);
                if (mapped == null) {
                    throw MigrationException.permanent(plan.label() + "." + c.attribute() + " of row "
                            + currentKey() + " holds tenant " + remaps.describeSourceTenant(id)
                            + ", which has no target tenant of the same name");
                }
                return Values.convert(mapped, kind);
            }
            default -> throw new IllegalStateException(c.ref().name());
        }
    }

    private Object unmapped(int column, String sample) {
        unmapped[column]++;
        if (samples.get(column).size() < SAMPLES) {
            samples.get(column).add(sample);
        }
        return null;
    }

    private static String canonical(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return value.toString().trim();
    }

    private static long asLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigDecimal d) {
            return d.longValueExact();
        }
        return Long.parseLong(value.toString().trim());
    }

    /**
     * Counts {@code rows} values of reference column {@code column} without a counterpart that were found without
     * this transformer (a Sync remapping in the source's SQL), with a few of their source values for the samples.
     * Fails as {@link #transformSource()} would for a user under the Fail policy or a tenant; {@code firstRow} is the
     * identifier of a row holding {@code values.get(0)}.
     */
    public void countUnmapped(int column, long rows, List<Long> values, Object firstRow) {
        if (rows == 0) {
            return;
        }
        ColumnPlan c = columns[column];
        long first = values.get(0);
        if (c.ref() == RefKind.USER && failOnUnmatchedUser) {
            throw MigrationException.permanent(plan.label() + "." + c.attribute() + " of row " + firstRow
                    + " references user " + remaps.describeSourceUser(first)
                    + ", who has no target user with that username and tenant");
        }
        if (c.ref() == RefKind.TENANT) {
            throw MigrationException.permanent(plan.label() + "." + c.attribute() + " of row " + firstRow
                    + " holds tenant " + remaps.describeSourceTenant(first)
                    + ", which has no target tenant of the same name");
        }
        unmapped[column] += rows;
        for (long value : values) {
            if (samples.get(column).size() < SAMPLES) {
                samples.get(column).add(c.ref() == RefKind.USER ? remaps.describeSourceUser(value)
                        : remaps.describeStaticRecord(c.referenced(), Long.toString(value)));
            }
        }
    }

    /** Adds the unmapped-value counts and samples of another transformer of the same plan (a parallel stream). */
    public void addUnmapped(RowTransformer other) {
        for (int i = 0; i < columns.length; i++) {
            unmapped[i] += other.unmapped[i];
            for (String sample : other.samples.get(i)) {
                if (samples.get(i).size() < SAMPLES) {
                    samples.get(i).add(sample);
                }
            }
        }
    }

    /** One message per column that had values without a counterpart (set to NULL). */
    public List<String> unmappedReport() {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            if (unmapped[i] == 0) {
                continue;
            }
            ColumnPlan c = columns[i];
            String what = c.ref() == RefKind.USER ? (remaps.odc() ? "users without an ODC user key"
                    : "users without a target user") : "static records without an active target record";
            messages.add(plan.label() + "." + c.attribute() + ": " + unmapped[i] + " row(s) referenced " + what
                    + " and were set to NULL (" + String.join(", ", samples.get(i)) + ")");
        }
        return messages;
    }

    /** The target column kinds, in row order. */
    public ValueKind[] targetKinds() {
        ValueKind[] kinds = new ValueKind[columns.length];
        for (int i = 0; i < columns.length; i++) {
            kinds[i] = columns[i].target().kind();
        }
        return kinds;
    }
}
