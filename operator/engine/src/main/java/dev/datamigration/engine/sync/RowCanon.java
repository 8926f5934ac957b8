package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.ValueKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The canonical text of one row of normalised values, and its 64-bit hash: the form both sides of a Sync compare.
 * {@link PgCanonSql} builds the same text inside PostgreSQL, so a range's hash can be computed in the database (no row
 * crosses the network) and still equal the hash Java computes over the source rows after remapping and masking. The
 * two must agree byte for byte; every rule below is mirrored there:
 * <ul>
 *   <li>columns joined with {@code |}; NULL is {@code N}, a value is {@code V} followed by its text;</li>
 *   <li>integer: decimal digits; decimal: without trailing zeros (1.50 = 1.5), plain notation;</li>
 *   <li>boolean: 1 or 0; timestamp {@code yyyy-MM-dd HH:mm:ss.SSSSSS}; date {@code yyyy-MM-dd}; time
 *       {@code HH:mm:ss.SSSSSS} (PostgreSQL keeps microseconds);</li>
 *   <li>text: its UTF-8 length in bytes, a colon, the text (so no separator inside a text can shift columns);</li>
 *   <li>binary: lower-case hex.</li>
 * </ul>
 * The hash is the first 64 bits of the MD5 of the text's UTF-8 bytes, read as a signed big-endian long; a range's hash
 * is the sum of its rows' hashes modulo 2^64 with the row count. Not a security hash: it finds differing ranges.
 * One instance per thread.
 */
final class RowCanon {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private final ValueKind[] kinds;
    private final MessageDigest md5;
    private final StringBuilder text = new StringBuilder(256);

    ValueKind[] kinds() {
        return kinds.clone();
    }

    RowCanon(ValueKind[] kinds) {
        this.kinds = kinds.clone();
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }

    /** The canonical text of {@code row} (values in {@link #kinds} order). */
    String text(Object[] row) {
        text.setLength(0);
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                text.append('|');
            }
            append(row[i], kinds[i]);
        }
        return text.toString();
    }

    /**
     * Whether two rows have the same canonical text, decided value by value without building it (the keyed merge
     * compares every row pair of the ranges it reads).
     */
    boolean same(Object[] a, Object[] b) {
        for (int i = 0; i < kinds.length; i++) {
            if (!sameValue(a[i], b[i], kinds[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(Object x, Object y, ValueKind kind) {
        if (x == null || y == null) {
            return x == y;
        }
        return switch (kind) {
            case INTEGER -> ((Number) x).longValue() == ((Number) y).longValue();
            // equal without trailing zeros (the canonical text) is equal in value
            case DECIMAL -> ((BigDecimal) x).compareTo((BigDecimal) y) == 0;
            case BOOLEAN, DATE -> x.equals(y);
            case TIMESTAMP -> micros((LocalDateTime) x).equals(micros((LocalDateTime) y));
            // the canonical time keeps microseconds and drops the rest
            case TIME -> ((LocalTime) x).truncatedTo(ChronoUnit.MICROS)
                    .equals(((LocalTime) y).truncatedTo(ChronoUnit.MICROS));
            case TEXT -> x.toString().equals(y.toString());
            case BINARY -> Arrays.equals((byte[]) x, (byte[]) y);
        };
    }

    /** The 64-bit hash of {@code row}'s canonical text. */
    long hash(Object[] row) {
        return hashOf(text(row));
    }

    long hashOf(String canonical) {
        byte[] digest = md5.digest(canonical.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        return h;
    }

    private void append(Object value, ValueKind kind) {
        if (value == null) {
            text.append('N');
            return;
        }
        text.append('V');
        switch (kind) {
            case INTEGER -> text.append(((Number) value).longValue());
            case DECIMAL -> text.append(((BigDecimal) value).stripTrailingZeros().toPlainString());
            case BOOLEAN -> text.append((Boolean) value ? '1' : '0');
            case TIMESTAMP -> text.append(TIMESTAMP.format(micros((LocalDateTime) value)));
            case DATE -> text.append(DATE.format((LocalDate) value));
            case TIME -> text.append(TIME.format((LocalTime) value));
            case TEXT -> {
                String s = value.toString();
                text.append(s.getBytes(StandardCharsets.UTF_8).length).append(':').append(s);
            }
            case BINARY -> text.append(HexFormat.of().formatHex((byte[]) value));
        }
    }

    /** PostgreSQL stores microseconds, rounding the rest half up: a finer source value hashes as it is stored. */
    private static LocalDateTime micros(LocalDateTime t) {
        int nanos = t.getNano() % 1000;
        LocalDateTime whole = t.minusNanos(nanos);
        return nanos >= 500 ? whole.plusNanos(1000) : whole;
    }
}
