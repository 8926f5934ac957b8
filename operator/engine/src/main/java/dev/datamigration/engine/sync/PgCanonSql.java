package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.ValueKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL expression that computes {@link RowCanon}'s row hash inside PostgreSQL: the same canonical text, built with
 * PostgreSQL's own functions ({@code trim_scale}, {@code to_char}, {@code octet_length}, {@code encode}), hashed with
 * {@code md5} and cut to its first 64 bits as a signed bigint. Used on the target always (the stored values are the
 * final ones) and on a PostgreSQL source for entities whose compared columns are all copied unchanged; a remapped,
 * masked or converted column is computed in Java, so such an entity's source rows stream (see {@link EntitySync}).
 */
final class PgCanonSql {

    private PgCanonSql() {
    }

    /** One part: a column of {@code kind}, or, when {@code column} is null, a constant canonical part. */
    record Part(String column, ValueKind kind, String constant) {
    }

    /** The bigint hash expression of one row made of {@code parts} (0 for no part). */
    static String rowHash(Dialect dialect, List<Part> parts) {
        if (parts.isEmpty()) {
            return "0::bigint";
        }
        List<String> pieces = new ArrayList<>();
        for (Part p : parts) {
            pieces.add(p.column() == null ? literal(p.constant()) : piece(dialect.quote(p.column()), p.kind()));
        }
        return "('x' || substr(md5(" + String.join(" || '|' || ", pieces) + "), 1, 16))::bit(64)::bigint";
    }

    /**
     * A cheaper row hash for columns both databases hash (copied unchanged, so neither side is computed in Java and
     * nothing in Java has to match it): PostgreSQL's {@code hashtextextended} over the row's record text, each value
     * normalised where two column types of one kind print differently (a decimal's declared scale, an integer's
     * width). {@code hashtextextended} is the function hash partitioning relies on, stable across PostgreSQL
     * versions. 0 for no column.
     */
    static String plainRowHash(Dialect dialect, List<Part> columns) {
        if (columns.isEmpty()) {
            return "0::bigint";
        }
        List<String> values = new ArrayList<>();
        for (Part p : columns) {
            String c = dialect.quote(p.column());
            values.add(switch (p.kind()) {
                case INTEGER -> c + "::bigint";
                case DECIMAL -> "trim_scale(" + c + "::numeric)";
                case TEXT -> c + "::text";
                case TIMESTAMP -> c + "::timestamp";
                default -> c;
            });
        }
        return "hashtextextended(ROW(" + String.join(", ", values) + ")::text, 0)";
    }

    private static String piece(String c, ValueKind kind) {
        String value = switch (kind) {
            case INTEGER -> c + "::bigint::text";
            case DECIMAL -> "trim_scale(" + c + "::numeric)::text";
            case BOOLEAN -> "CASE WHEN " + c + " THEN '1' ELSE '0' END";
            case TIMESTAMP -> "to_char(" + c + ", 'YYYY-MM-DD HH24:MI:SS.US')";
            case DATE -> "to_char(" + c + ", 'YYYY-MM-DD')";
            case TIME -> "to_char(" + c + ", 'HH24:MI:SS.US')";
            case TEXT -> "octet_length(" + c + "::text)::text || ':' || " + c + "::text";
            case BINARY -> "encode(" + c + ", 'hex')";
        };
        return "(CASE WHEN " + c + " IS NULL THEN 'N' ELSE 'V' || " + value + " END)";
    }

    /** A canonical part computed in Java, as an SQL string literal. */
    static String literal(String canonical) {
        return "'" + canonical.replace("'", "''") + "'";
    }
}
