package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.Values;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.RefKind;
import dev.datamigration.engine.remap.Remaps;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compared columns of an entity as a Replace would write them, computed by a PostgreSQL source in SQL, so that
 * the source can hash its rows in the database like the target does (only per-range sums cross the network). What
 * the {@link dev.datamigration.engine.remap.RowTransformer} does in Java has an SQL form here when it is a lookup in
 * a finite map or nothing at all:
 * <ul>
 *   <li>a column copied unchanged (no remap, no mask, the same value kind on both sides): the column itself;</li>
 *   <li>an integer static, user (O11 target) or tenant reference between integer columns: a LEFT JOIN with the
 *   remap's pairs, passed as two bigint arrays (the same map the transformer reads; a value without a pair becomes
 *   NULL, as there);</li>
 *   <li>a constant of a scalar kind: its literal.</li>
 * </ul>
 * Anything else (a masked column, a kind conversion, ODC user keys, a static map with a non-integer identifier, a
 * binary constant) has no SQL form: {@link #of} returns null and the entity's source rows stream through the
 * transformer instead.
 */
final class WrittenFormSql {

    /** A remapped column: its index among the compared columns, its plan, and the map as two parallel arrays. */
    record Lookup(int column, ColumnPlan plan, String alias, Long[] from, Long[] to) {
    }

    private final List<String> expressions;
    private final List<Lookup> lookups;
    private final String joins;

    private WrittenFormSql(List<String> expressions, List<Lookup> lookups, String joins) {
        this.expressions = expressions;
        this.lookups = lookups;
        this.joins = joins;
    }

    /**
     * The SQL form of {@code view}'s compared columns over the source's rows (alias {@code t}), or null when some
     * column has none or the source does not speak PostgreSQL's SQL.
     */
    static WrittenFormSql of(EntityPlan view, Dialect dialect, Remaps remaps) {
        if (!dialect.speaksPostgresSql()) {
            return null;
        }
        List<String> expressions = new ArrayList<>();
        List<Lookup> lookups = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < view.columns().size(); i++) {
            ColumnPlan c = view.columns().get(i);
            ValueKind kind = c.target().kind();
            if (!c.copied()) {
                String literal = literal(c.constant(), kind);
                if (literal == null) {
                    return null;
                }
                expressions.add(literal);
                continue;
            }
            if (c.mask() != null) {
                return null;
            }
            String column = "t." + dialect.quote(c.source().name());
            if (c.ref() == RefKind.NONE) {
                if (c.source().kind() != kind) {
                    return null;
                }
                expressions.add(column);
                continue;
            }
            if (c.source().kind() != ValueKind.INTEGER || kind != ValueKind.INTEGER) {
                return null;
            }
            Map<Long, Long> map = map(c, remaps);
            if (map == null) {
                return null;
            }
            String alias = "sync_m" + lookups.size();
            lookups.add(new Lookup(i, c, alias, map.keySet().toArray(Long[]::new), map.values().toArray(Long[]::new)));
            joins.append(" LEFT JOIN unnest(?::bigint[], ?::bigint[]) AS ").append(alias)
                    .append("(sync_from, sync_to) ON ").append(alias).append(".sync_from = ").append(column)
                    .append("::bigint");
            expressions.add(alias + ".sync_to");
        }
        return new WrittenFormSql(List.copyOf(expressions), List.copyOf(lookups), joins.toString());
    }

    /** The map a reference column's transformer reads, as integers; null when it is not one of integers. */
    private static Map<Long, Long> map(ColumnPlan c, Remaps remaps) {
        Map<Long, Long> map = new TreeMap<>();
        switch (c.ref()) {
            case STATIC -> {
                for (Map.Entry<String, String> e : remaps.staticMap(c.referenced()).entrySet()) {
                    // The transformer looks a source value up by its text (Long.toString): a key in any other
                    // spelling ("007") never matches, so it has no entry here either.
                    Long from = integer(e.getKey());
                    if (from == null || !from.toString().equals(e.getKey())) {
                        continue;
                    }
                    Long to = integer(e.getValue() == null ? null : e.getValue().trim());
                    if (to == null) {
                        return null;
                    }
                    map.put(from, to);
                }
            }
            case USER -> {
                if (remaps.odc()) {
                    return null;
                }
                map.putAll(remaps.userMap());
            }
            case TENANT -> map.putAll(remaps.tenantMap());
            default -> {
                return null;
            }
        }
        return map;
    }

    private static Long integer(String text) {
        try {
            return text == null ? null : (Long) Values.convert(text, ValueKind.INTEGER);
        } catch (RuntimeException notAnInteger) {
            return null;
        }
    }

    /** A constant as a typed SQL literal; null for a kind with no literal here (binary). */
    private static String literal(Object constant, ValueKind kind) {
        Object v = Values.convert(constant, kind);
        if (v == null) {
            return "NULL";
        }
        return switch (kind) {
            case INTEGER -> v + "::bigint";
            case DECIMAL -> "'" + ((BigDecimal) v).toPlainString() + "'::numeric";
            case TEXT -> PgCanonSql.literal((String) v) + "::text";
            case BOOLEAN -> (Boolean) v ? "true" : "false";
            case TIMESTAMP -> "'" + (LocalDateTime) v + "'::timestamp";
            case DATE -> "'" + (LocalDate) v + "'::date";
            case TIME -> "'" + (LocalTime) v + "'::time";
            case BINARY -> null;
        };
    }

    /** Per compared column, the SQL of its written value. */
    List<String> expressions() {
        return expressions;
    }

    /** The remapped columns. */
    List<Lookup> lookups() {
        return lookups;
    }

    /** The LEFT JOINs that follow the rows' {@code t}; their parameters are bound by {@link #bind}. */
    String joins() {
        return joins;
    }

    /** Per remapped column, the condition of a row whose value has no pair (it is written NULL). */
    List<String> unmappedConditions(Dialect dialect) {
        return lookups.stream().map(l -> "t." + dialect.quote(l.plan().source().name()) + " IS NOT NULL AND "
                + l.alias() + ".sync_to IS NULL").toList();
    }

    /** Binds the joins' arrays from parameter {@code first} on; returns the next free parameter index. */
    int bind(Connection connection, PreparedStatement ps, int first) throws SQLException {
        int index = first;
        for (Lookup l : lookups) {
            ps.setArray(index++, connection.createArrayOf("bigint", l.from()));
            ps.setArray(index++, connection.createArrayOf("bigint", l.to()));
        }
        return index;
    }
}
