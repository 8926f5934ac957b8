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
     * nothing in Java has to match it): the XOR of one 64-bit hash per column, each from PostgreSQL's own type-specific
     * extended hash function (the ones hash partitioning relies on, stable across versions) seeded with the column's
     * position, so that equal values in two columns do not cancel out. No text is built for a row (rendering whole
     * rows as text cost more than the rest of the scan). Values are normalised where two column types of one kind
     * differ (a decimal's declared scale, an integer's width), and where PostgreSQL's hash function leaves out part
     * of the value (a decimal's sign, a bigint's high half) or keeps a linear part (a decimal's weight); NULL hashes
     * to a constant of its own per column.
     * 0 for no column.
     */
    static String plainRowHash(Dialect dialect, List<Part> columns) {
        return plainRowHashOf(columns.stream().map(p -> dialect.quote(p.column())).toList(),
                columns.stream().map(Part::kind).toList());
    }

    /**
     * {@link #plainRowHash} over SQL expressions ({@code values.get(i)} of kind {@code kinds.get(i)}) instead of
     * columns: on a PostgreSQL source, the written form of remapped columns and constants ({@link WrittenFormSql}).
     */
    static String plainRowHashOf(List<String> values, List<ValueKind> kinds) {
        if (values.isEmpty()) {
            return "0::bigint";
        }
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String c = "(" + values.get(i) + ")";
            long seed = i + 1;
            String hash = switch (kinds.get(i)) {
                // hashint8extended folds the high half into the low one (so that it equals the int4 hash of a
                // small value): 1 and 4294967296 hash alike. The high half hashed on its own, with a seed of its own
                // (an int4 and an int8 hash alike under one seed), tells them apart.
                case INTEGER -> "(hashint8extended(" + c + "::bigint, " + seed + ") # hashint4extended((" + c
                        + "::bigint >> 32)::int, " + -seed + "))";
                // hash_numeric_extended ignores the declared scale (1.5 = 1.50, as equality) but also the sign
                // (1.5 and -1.5 hash alike: the sign picks the seed), and it XORs the digits' hash with their weight
                // (1.5 and 15000 differ by 1): two such changes in a row would cancel out in the XOR of its columns.
                // Used as the seed of another hash, its bits are mixed.
                case DECIMAL -> "hashint8extended(0, hash_numeric_extended(" + c + "::numeric, CASE WHEN " + c
                        + "::numeric < 0 THEN " + -seed + " ELSE " + seed + " END))";
                // COLLATE "C": under a non-deterministic collation (an ODC stage's text columns) hashtext hashes
                // the collation's sort key, so 'abc' and 'ABC' would hash alike and neither equal the source's hash
                case TEXT -> "hashtextextended(" + c + "::text COLLATE \"C\", " + seed + ")";
                case BOOLEAN -> "hashint4extended(" + c + "::int, " + seed + ")";
                // PostgreSQL's hash of a microsecond count folds its halves too, but two timestamps (or times of
                // day) that hash alike are hours apart at microsecond-exact offsets: no update picks that in practice,
                // and the whole-entity verification after the Sync would fail the entity rather than leave it wrong.
                case TIMESTAMP -> "timestamp_hash_extended(" + c + "::timestamp, " + seed + ")";
                case DATE -> "hashint4extended(" + c + "::date - date '2000-01-01', " + seed + ")";
                case TIME -> "time_hash_extended(" + c + "::time, " + seed + ")";
                // the bytes hashed as they are (the element hash of a one-element array; NULL stays NULL for the
                // column's constant below), not as base64 text: a file of megabytes costs a copy, not an encoding
                case BINARY -> "CASE WHEN " + c + " IS NULL THEN NULL ELSE hash_array_extended(ARRAY[" + c
                        + "::bytea], " + seed + ") END";
            };
            hashes.add("coalesce(" + hash + ", " + (-7_919L * seed) + ")");
        }
        return "(" + String.join(" # ", hashes) + ")";
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
