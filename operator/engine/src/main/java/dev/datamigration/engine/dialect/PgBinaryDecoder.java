package dev.datamigration.engine.dialect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Decodes PostgreSQL's binary COPY format (see {@link PgBinaryEncoder}) into the engine's normalised values:
 * int2/int4/int8 as Long, numeric as BigDecimal with the column's display scale, bool as Boolean, timestamp as
 * LocalDateTime, date as LocalDate, time as LocalTime, text as String, bytea as byte[]. Input arrives in chunks (one
 * COPY data message each); a field may span chunks.
 */
final class PgBinaryDecoder {

    /** Supplies the next chunk of COPY data, or null at the end. */
    interface Source {
        byte[] next() throws SQLException;
    }

    private final Source source;
    private final PgBinaryType[] types;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean headerRead;
    private final byte[] scratch = new byte[8];

    PgBinaryDecoder(Source source, PgBinaryType[] types) {
        this.source = source;
        this.types = types.clone();
    }

    /** Reads the next row into {@code values}; false at the end of the data. */
    boolean next(Object[] values) throws SQLException {
        if (!headerRead) {
            readHeader();
            headerRead = true;
        }
        if (!available(2)) {
            return false;
        }
        int fields = readShort();
        if (fields == -1) {
            // Consume the end of the COPY so that the connection is ready for the next statement.
            while (source.next() != null) {
                position = chunk.length;
            }
            return false;
        }
        if (fields != types.length) {
            throw new SQLException("COPY row has " + fields + " fields, expected " + types.length, "22P04");
        }
        for (int i = 0; i < fields; i++) {
            int length = readInt();
            values[i] = length < 0 ? null : readValue(types[i], length);
        }
        return true;
    }

    private void readHeader() throws SQLException {
        byte[] header = readBytes(PgBinaryEncoder.HEADER.length - 8);
        for (int i = 0; i < header.length; i++) {
            if (header[i] != PgBinaryEncoder.HEADER[i]) {
                throw new SQLException("not a binary COPY stream", "22P04");
            }
        }
        readInt();
        int extension = readInt();
        if (extension > 0) {
            readBytes(extension);
        }
    }

    private Object readValue(PgBinaryType type, int length) throws SQLException {
        return switch (type) {
            case BOOL -> readByte() != 0;
            case INT2 -> (long) readShort();
            case INT4 -> (long) readInt();
            case INT8 -> readLong();
            case NUMERIC -> readNumeric();
            case TEXT -> readText(length);
            case BYTEA -> readBytes(length);
            case TIMESTAMP -> {
                long micros = readLong();
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    throw new SQLException("timestamp 'infinity' has no value in the engine", "22008");
                }
                long seconds = Math.floorDiv(micros, 1_000_000L);
                int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
                yield LocalDateTime.ofEpochSecond(seconds + PgBinaryEncoder.PG_EPOCH_SECONDS, nanos, ZoneOffset.UTC);
            }
            case DATE -> {
                int days = readInt();
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    throw new SQLException("date 'infinity' has no value in the engine", "22008");
                }
                yield LocalDate.ofEpochDay(days + PgBinaryEncoder.PG_EPOCH_DAYS);
            }
            case TIME -> {
                long micros = readLong();
                // 24:00:00 is a valid PostgreSQL time; LocalTime has no such value, so it reads as its end of day.
                yield micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
            }
        };
    }

    private BigDecimal readNumeric() throws SQLException {
        int ndigits = readShort();
        int weight = readShort();
        int sign = readShort() & 0xFFFF;
        int dscale = readShort();
        if (sign == 0xC000 || sign == 0xD000 || sign == 0xF000) {
            throw new SQLException("numeric NaN or infinity has no value in the engine", "22003");
        }
        BigDecimal value;
        if (ndigits <= 4) {
            long unscaled = 0;
            for (int i = 0; i < ndigits; i++) {
                unscaled = unscaled * 10_000 + readShort();
            }
            value = BigDecimal.valueOf(unscaled, 4 * (ndigits - 1 - weight));
        } else {
            BigInteger unscaled = BigInteger.ZERO;
            long pending = 0;
            int pendingDigits = 0;
            for (int i = 0; i < ndigits; i++) {
                pending = pending * 10_000 + readShort();
                if (++pendingDigits == 4) {
                    unscaled = unscaled.multiply(BigInteger.TEN.pow(16)).add(BigInteger.valueOf(pending));
                    pending = 0;
                    pendingDigits = 0;
                }
            }
            if (pendingDigits > 0) {
                unscaled = unscaled.multiply(BigInteger.TEN.pow(4 * pendingDigits)).add(BigInteger.valueOf(pending));
            }
            value = new BigDecimal(unscaled, 4 * (ndigits - 1 - weight));
        }
        if (ndigits == 0) {
            value = BigDecimal.ZERO;
        }
        value = value.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? value.negate() : value;
    }

    private String readText(int length) throws SQLException {
        if (chunk.length - position >= length) {
            String s = new String(chunk, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }
        return new String(readBytes(length), StandardCharsets.UTF_8);
    }

    private boolean available(int bytes) throws SQLException {
        while (chunk.length - position < bytes) {
            if (chunk.length - position > 0) {
                return true;
            }
            byte[] next = source.next();
            if (next == null) {
                return false;
            }
            chunk = next;
            position = 0;
        }
        return true;
    }

    private byte[] readBytes(int length) throws SQLException {
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            if (position == chunk.length) {
                byte[] next = source.next();
                if (next == null) {
                    throw new SQLException("COPY data ended inside a field", "22P04");
                }
                chunk = next;
                position = 0;
            }
            int n = Math.min(length - done, chunk.length - position);
            System.arraycopy(chunk, position, bytes, done, n);
            position += n;
            done += n;
        }
        return bytes;
    }

    private int readByte() throws SQLException {
        if (position < chunk.length) {
            return chunk[position++];
        }
        return readBytesInto(1)[0];
    }

    private int readShort() throws SQLException {
        if (chunk.length - position >= 2) {
            int v = (short) (((chunk[position] & 0xFF) << 8) | (chunk[position + 1] & 0xFF));
            position += 2;
            return v;
        }
        byte[] b = readBytesInto(2);
        return (short) (((b[0] & 0xFF) << 8) | (b[1] & 0xFF));
    }

    private int readInt() throws SQLException {
        if (chunk.length - position >= 4) {
            int v = ((chunk[position] & 0xFF) << 24) | ((chunk[position + 1] & 0xFF) << 16)
                    | ((chunk[position + 2] & 0xFF) << 8) | (chunk[position + 3] & 0xFF);
            position += 4;
            return v;
        }
        byte[] b = readBytesInto(4);
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    private long readLong() throws SQLException {
        long high = readInt() & 0xFFFFFFFFL;
        long low = readInt() & 0xFFFFFFFFL;
        return (high << 32) | low;
    }

    /** Reads a small field that spans chunks into the scratch array. */
    private byte[] readBytesInto(int length) throws SQLException {
        int done = 0;
        while (done < length) {
            if (position == chunk.length) {
                byte[] next = source.next();
                if (next == null) {
                    throw new SQLException("COPY data ended inside a field", "22P04");
                }
                chunk = next;
                position = 0;
            }
            scratch[done++] = chunk[position++];
        }
        return scratch;
    }
}
