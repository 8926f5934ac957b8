package dev.datamigration.engine.verify;

import dev.datamigration.engine.dialect.ValueKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A 128-bit hash (MD5) of one row over normalised values, so that the same logical row hashes the same whatever engine
 * or column type it came from: integers as 64-bit values, decimals without trailing zeros (1.50 = 1.5), temporal
 * values as date + time (DATE at midnight, TIME on 1900-01-01), text as UTF-8, binary as bytes. Every value is
 * tagged with its kind and length, so NULL, '' and an empty byte array all differ, and column boundaries cannot shift.
 * Not a security hash: it detects copy errors.
 */
public final class RowHasher {

    private final MessageDigest md5;
    private final ByteBuffer number = ByteBuffer.allocate(Long.BYTES * 2);

    public RowHasher() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }

    /** Hash of one row whose values are of the given kinds. */
    public byte[] hash(Object[] row, ValueKind[] kinds) {
        md5.reset();
        for (int i = 0; i < kinds.length; i++) {
            add(row[i], kinds[i]);
        }
        return md5.digest();
    }

    private void add(Object value, ValueKind kind) {
        if (value == null) {
            md5.update((byte) 0);
            return;
        }
        switch (kind) {
            case TEXT -> bytes((byte) 1, value.toString().getBytes(StandardCharsets.UTF_8));
            case INTEGER -> longs((byte) 2, ((Number) value).longValue(), 0);
            case DECIMAL -> bytes((byte) 3, ((BigDecimal) value).stripTrailingZeros().toPlainString()
                    .getBytes(StandardCharsets.US_ASCII));
            case BOOLEAN -> longs((byte) 4, ((Boolean) value) ? 1 : 0, 0);
            case TIMESTAMP -> temporal((LocalDateTime) value);
            case DATE -> temporal(((LocalDate) value).atStartOfDay());
            case TIME -> temporal(LocalDate.of(1900, 1, 1).atTime((LocalTime) value));
            case BINARY -> bytes((byte) 6, (byte[]) value);
        }
    }

    private void temporal(LocalDateTime t) {
        longs((byte) 5, t.toLocalDate().toEpochDay(), t.toLocalTime().toNanoOfDay());
    }

    private void longs(byte tag, long a, long b) {
        md5.update(tag);
        number.clear();
        number.putLong(a).putLong(b);
        md5.update(number.array());
    }

    private void bytes(byte tag, byte[] data) {
        md5.update(tag);
        number.clear();
        number.putLong(data.length).putLong(0);
        md5.update(number.array(), 0, Long.BYTES);
        md5.update(data);
    }
}
