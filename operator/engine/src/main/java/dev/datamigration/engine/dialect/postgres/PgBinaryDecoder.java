package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.RowHashSink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Reads PostgreSQL's binary COPY format (see {@link PgBinaryEncoder}) one row at a time. {@link #next()} frames the
 * next row (finds each field's bytes without decoding anything); {@link #decode(int)} turns one field into the
 * engine's normalised value: int2/int4/int8 as Long, numeric as BigDecimal with the column's display scale, bool as
 * Boolean, timestamp as LocalDateTime, date as LocalDate, time as LocalTime, text as String, bytea as byte[].
 * {@link #copyFields(int, int, byte[], int)} and {@link #hashRow(PgRowHasher, RowHashSink)} use the framed bytes as they
 * are. Input arrives in chunks (PostgreSQL sends one COPY data message per row); a row spanning chunks is assembled
 * in a scratch buffer.
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
    private boolean ended;
    /** The current row: its bytes, the region of its fields, and each field's data offset and length (-1 NULL). */
    private byte[] row;
    private int rowFrom;
    private int rowTo;
    private final int[] offsets;
    private final int[] lengths;
    private byte[] scratch = new byte[1024];
    private int scratchLength;

    PgBinaryDecoder(Source source, PgBinaryType[] types) {
        this.source = source;
        this.types = types.clone();
        this.offsets = new int[types.length];
        this.lengths = new int[types.length];
    }

    /** Reads the next row into {@code values}; false at the end of the data. */
    boolean next(Object[] values) throws SQLException {
        if (!next()) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            values[i] = decode(i);
        }
        return true;
    }

    /** Reads the next row, decoding only the fields flagged in {@code decode} (the others are left as they were). */
    boolean next(Object[] values, boolean[] decode) throws SQLException {
        if (!next()) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            if (decode[i]) {
                values[i] = decode(i);
            }
        }
        return true;
    }

    /** Frames the next row; false at the end of the data. */
    boolean next() throws SQLException {
        if (!headerRead) {
            readHeader();
            headerRead = true;
        }
        if (ended) {
            return false;
        }
        if (position == chunk.length) {
            byte[] next = source.next();
            if (next == null) {
                ended = true;
                return false;
            }
            chunk = next;
            position = 0;
        }
        Boolean framed = frameInChunk();
        if (framed == null) {
            framed = frameAcrossChunks();
        }
        if (!framed) {
            ended = true;
            // Consume the end of the COPY so that the connection is ready for the next statement.
            while (source.next() != null) {
                position = chunk.length;
            }
        }
        return framed;
    }

    /** Frames a row lying wholly in the current chunk: true, false at the trailer, null when it spans chunks. */
    private Boolean frameInChunk() throws SQLException {
        byte[] c = chunk;
        int p = position;
        if (c.length - p < 2) {
            return null;
        }
        int fields = getShort(c, p);
        p += 2;
        if (fields == -1) {
            position = p;
            return false;
        }
        checkFieldCount(fields);
        for (int i = 0; i < fields; i++) {
            if (c.length - p < 4) {
                return null;
            }
            int length = getInt(c, p);
            p += 4;
            offsets[i] = p;
            lengths[i] = length;
            if (length > 0) {
                if (c.length - p < length) {
                    return null;
                }
                p += length;
            }
        }
        row = c;
        rowFrom = position + 2;
        rowTo = p;
        position = p;
        return true;
    }

    /** Assembles a row that spans chunks into the scratch buffer; false at the trailer. */
    private boolean frameAcrossChunks() throws SQLException {
        scratchLength = 0;
        pull(2);
        int fields = getShort(scratch, 0);
        if (fields == -1) {
            return false;
        }
        checkFieldCount(fields);
        for (int i = 0; i < fields; i++) {
            int at = pull(4);
            int length = getInt(scratch, at);
            offsets[i] = at + 4;
            lengths[i] = length;
            if (length > 0) {
                pull(length);
            }
        }
        row = scratch;
        rowFrom = 2;
        rowTo = scratchLength;
        return true;
    }

    private void checkFieldCount(int fields) throws SQLException {
        if (fields != types.length) {
            throw new SQLException("COPY row has " + fields + " fields, expected " + types.length, "22P04");
        }
    }

    /** Appends the next {@code length} bytes of the stream to the scratch buffer; returns where they start. */
    private int pull(int length) throws SQLException {
        int at = scratchLength;
        if (scratch.length < at + length) {
            scratch = java.util.Arrays.copyOf(scratch, Math.max(scratch.length * 2, at + length));
        }
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
            System.arraycopy(chunk, position, scratch, at + done, n);
            position += n;
            done += n;
        }
        scratchLength = at + length;
        return at;
    }

    private void readHeader() throws SQLException {
        scratchLength = 0;
        pull(PgBinaryEncoder.HEADER.length);
        for (int i = 0; i < PgBinaryEncoder.HEADER.length - 8; i++) {
            if (scratch[i] != PgBinaryEncoder.HEADER[i]) {
                throw new SQLException("not a binary COPY stream", "22P04");
            }
        }
        int extension = getInt(scratch, PgBinaryEncoder.HEADER.length - 4);
        if (extension > 0) {
            scratchLength = 0;
            pull(extension);
        }
    }

    /** Decodes field {@code i} of the current row. */
    Object decode(int i) throws SQLException {
        int length = lengths[i];
        if (length < 0) {
            return null;
        }
        byte[] b = row;
        int p = offsets[i];
        return switch (types[i]) {
            case BOOL -> b[p] != 0;
            case INT2 -> (long) getShort(b, p);
            case INT4 -> (long) getInt(b, p);
            case INT8 -> getLong(b, p);
            case NUMERIC -> readNumeric(b, p);
            case TEXT -> new String(b, p, length, StandardCharsets.UTF_8);
            case BYTEA -> java.util.Arrays.copyOfRange(b, p, p + length);
            case TIMESTAMP -> {
                long micros = getLong(b, p);
                checkTimestamp(micros);
                long seconds = Math.floorDiv(micros, 1_000_000L);
                int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
                yield LocalDateTime.ofEpochSecond(seconds + PgBinaryEncoder.PG_EPOCH_SECONDS, nanos, ZoneOffset.UTC);
            }
            case DATE -> {
                int days = getInt(b, p);
                checkDate(days);
                yield LocalDate.ofEpochDay(days + PgBinaryEncoder.PG_EPOCH_DAYS);
            }
            case TIME -> {
                long micros = getLong(b, p);
                // 24:00:00 is a valid PostgreSQL time; LocalTime has no such value, so it reads as its end of day.
                yield micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
            }
        };
    }

    /**
     * Fails on the values the engine has no value for (infinite timestamps and dates, numeric NaN and infinities),
     * exactly as {@link #decode(int)} would: a field passed through without decoding is held to the same rule.
     */
    void checkPassable(int i) throws SQLException {
        if (lengths[i] < 0) {
            return;
        }
        int p = offsets[i];
        switch (types[i]) {
            case TIMESTAMP -> checkTimestamp(getLong(row, p));
            case DATE -> checkDate(getInt(row, p));
            case NUMERIC -> checkNumericSign(getShort(row, p + 4) & 0xFFFF);
            default -> {
            }
        }
    }

    /** Wire size of fields {@code first..last} of the current row (each an int32 length and its bytes). */
    int fieldsSize(int first, int last) {
        return offsets[last] + Math.max(lengths[last], 0) - (offsets[first] - 4);
    }

    /** Copies fields {@code first..last} as they are on the wire to {@code into[at]}. */
    void copyFields(int first, int last, byte[] into, int at) {
        System.arraycopy(row, offsets[first] - 4, into, at, fieldsSize(first, last));
    }

    /** The verification hash of the current row's fields as they are on the wire. */
    void hashRow(PgRowHasher hasher, RowHashSink sink) {
        hasher.hash(row, rowFrom, rowTo, sink);
    }

    private static void checkTimestamp(long micros) throws SQLException {
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw new SQLException("timestamp 'infinity' has no value in the engine", "22008");
        }
    }

    private static void checkDate(int days) throws SQLException {
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
            throw new SQLException("date 'infinity' has no value in the engine", "22008");
        }
    }

    private static void checkNumericSign(int sign) throws SQLException {
        if (sign == 0xC000 || sign == 0xD000 || sign == 0xF000) {
            throw new SQLException("numeric NaN or infinity has no value in the engine", "22003");
        }
    }

    private static BigDecimal readNumeric(byte[] b, int p) throws SQLException {
        int ndigits = getShort(b, p);
        int weight = getShort(b, p + 2);
        int sign = getShort(b, p + 4) & 0xFFFF;
        int dscale = getShort(b, p + 6);
        checkNumericSign(sign);
        int d = p + 8;
        BigDecimal value;
        if (ndigits == 0) {
            value = BigDecimal.ZERO;
        } else if (ndigits <= 4) {
            long unscaled = 0;
            for (int i = 0; i < ndigits; i++) {
                unscaled = unscaled * 10_000 + getShort(b, d + 2 * i);
            }
            value = BigDecimal.valueOf(unscaled, 4 * (ndigits - 1 - weight));
        } else {
            BigInteger unscaled = BigInteger.ZERO;
            long pending = 0;
            int pendingDigits = 0;
            for (int i = 0; i < ndigits; i++) {
                pending = pending * 10_000 + getShort(b, d + 2 * i);
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
        value = value.setScale(dscale, RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? value.negate() : value;
    }

    static int getShort(byte[] b, int p) {
        return (short) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
    }

    static int getInt(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    static long getLong(byte[] b, int p) {
        return ((getInt(b, p) & 0xFFFFFFFFL) << 32) | (getInt(b, p + 4) & 0xFFFFFFFFL);
    }
}
