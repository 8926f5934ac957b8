package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.RowHashSink;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Encodes rows in PostgreSQL's binary COPY format into a reusable buffer: the 19-byte header, per row an int16 field
 * count and per field an int32 length (-1 for NULL) and the value in network byte order, and the int16 -1 trailer.
 * Values: bool 1 byte; int2/int4/int8 (range-checked); numeric as base-10000 digits with weight, sign and display
 * scale; timestamp as microseconds and date as days since 2000-01-01, time as microseconds since midnight; text as
 * UTF-8 (a NUL character is rejected, never stripped); bytea raw. It produces what PostgreSQL's text input would
 * store for the same value ({@link CopyTextEncoder} semantics), which the round-trip tests check.
 */
final class PgBinaryEncoder {

    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0,
        0};
    /** Seconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
    static final long PG_EPOCH_SECONDS = 946_684_800L;
    static final long PG_EPOCH_DAYS = 10_957L;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    /** Receives full chunks of encoded bytes. */
    interface Sink {
        void write(byte[] bytes, int length) throws IOException;
    }

    private final Sink sink;
    private final PgBinaryType[] types;
    private byte[] buffer;
    private int position;
    private final int flushAt;
    private short[] digits = new short[16];
    private PgRowHasher hasher;
    private RowHashSink hashSink;
    /** The pass-through layout {@link #runLength} and {@link #checked} were planned for. */
    private int[] plannedFor;
    private int[] runLength;
    private boolean[] checked;

    PgBinaryEncoder(Sink sink, PgBinaryType[] types, int bufferSize) {
        this.sink = sink;
        this.types = types.clone();
        this.buffer = new byte[bufferSize];
        this.flushAt = bufferSize;
    }

    void writeHeader() {
        ensure(HEADER.length);
        System.arraycopy(HEADER, 0, buffer, position, HEADER.length);
        position += HEADER.length;
    }

    void writeTrailer() {
        ensure(2);
        putShort(-1);
    }

    /** From now on, hands the verification hash ({@link PgRowHasher}) of every row written to {@code sink}. */
    void hashRowsTo(RowHashSink sink) {
        this.hasher = new PgRowHasher(types);
        this.hashSink = sink;
    }

    /** Encodes one row into the buffer, then hands the buffer to the sink when it is full. */
    void writeRow(Object[] row) throws IOException, ValueRejectedException {
        int start = position;
        try {
            ensure(2);
            putShort(types.length);
            for (int i = 0; i < types.length; i++) {
                writeValue(i, row[i]);
            }
        } catch (ValueRejectedException | RuntimeException e) {
            position = start;
            throw e;
        }
        endRow(start);
    }

    /**
     * Encodes one row whose column {@code i} is, when {@code rawField[i] >= 0}, field {@code rawField[i]} of the
     * decoder's current row taken byte for byte (same binary type: the bytes are what encoding its value would give),
     * else {@code row[i]} encoded. Consecutive columns taken from consecutive fields are copied in one piece.
     */
    void writeRow(Object[] row, PgBinaryDecoder raw, int[] rawField)
            throws IOException, ValueRejectedException, SQLException {
        if (rawField != plannedFor) {
            planRuns(rawField);
        }
        int start = position;
        try {
            ensure(2);
            putShort(types.length);
            int i = 0;
            while (i < types.length) {
                int run = runLength[i];
                if (run == 0) {
                    writeValue(i, row[i]);
                    i++;
                    continue;
                }
                int first = rawField[i];
                int last = first + run - 1;
                for (int f = first; f <= last; f++) {
                    if (checked[f]) {
                        raw.checkPassable(f);
                    }
                }
                int size = raw.fieldsSize(first, last);
                ensure(size);
                raw.copyFields(first, last, buffer, position);
                position += size;
                i += run;
            }
        } catch (ValueRejectedException | SQLException | RuntimeException e) {
            position = start;
            throw e;
        }
        endRow(start);
    }

    /**
     * For each column where a run of passed fields starts, its length (columns i..i+n-1 take fields
     * rawField[i]..rawField[i]+n-1), 0 elsewhere; and which source fields need the infinity/NaN check.
     */
    private void planRuns(int[] rawField) {
        runLength = new int[types.length];
        int maxField = -1;
        for (int field : rawField) {
            maxField = Math.max(maxField, field);
        }
        checked = new boolean[maxField + 1];
        int i = 0;
        while (i < types.length) {
            if (rawField[i] < 0) {
                i++;
                continue;
            }
            int n = 1;
            while (i + n < types.length && rawField[i + n] == rawField[i] + n) {
                n++;
            }
            runLength[i] = n;
            for (int k = i; k < i + n; k++) {
                PgBinaryType type = types[k];
                checked[rawField[k]] = type == PgBinaryType.TIMESTAMP || type == PgBinaryType.DATE
                        || type == PgBinaryType.NUMERIC;
            }
            i += n;
        }
        plannedFor = rawField;
    }

    private void endRow(int start) throws IOException {
        if (hashSink != null) {
            hasher.hash(buffer, start + 2, position, hashSink);
        }
        if (position >= flushAt) {
            flush();
        }
    }

    /** Hands what is buffered to the sink. */
    void flush() throws IOException {
        if (position > 0) {
            sink.write(buffer, position);
            position = 0;
        }
        if (buffer.length > 4 * flushAt) {
            // A very large value grew the buffer: give the memory back, the bound is the normal chunk.
            buffer = new byte[flushAt];
        }
    }

    private void writeValue(int column, Object value) throws ValueRejectedException {
        if (value == null) {
            ensure(4);
            putInt(-1);
            return;
        }
        switch (types[column]) {
            case BOOL -> {
                ensure(5);
                putInt(1);
                buffer[position++] = (byte) (((Boolean) value) ? 1 : 0);
            }
            case INT2 -> {
                long v = ((Number) value).longValue();
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw new ValueRejectedException(column, v + " is out of range for smallint");
                }
                ensure(6);
                putInt(2);
                putShort((int) v);
            }
            case INT4 -> {
                long v = ((Number) value).longValue();
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new ValueRejectedException(column, v + " is out of range for integer");
                }
                ensure(8);
                putInt(4);
                putInt((int) v);
            }
            case INT8 -> {
                ensure(12);
                putInt(8);
                putLong(((Number) value).longValue());
            }
            case NUMERIC -> writeNumeric((BigDecimal) value);
            case TEXT -> writeText(column, (String) value);
            case BYTEA -> {
                byte[] bytes = (byte[]) value;
                ensure(4 + bytes.length);
                putInt(bytes.length);
                System.arraycopy(bytes, 0, buffer, position, bytes.length);
                position += bytes.length;
            }
            case TIMESTAMP -> {
                LocalDateTime t = (LocalDateTime) value;
                long micros = (t.toEpochSecond(ZoneOffset.UTC) - PG_EPOCH_SECONDS) * 1_000_000L
                        + roundedMicros(t.getNano());
                ensure(12);
                putInt(8);
                putLong(micros);
            }
            case DATE -> {
                ensure(8);
                putInt(4);
                putInt((int) (((LocalDate) value).toEpochDay() - PG_EPOCH_DAYS));
            }
            case TIME -> {
                LocalTime t = (LocalTime) value;
                ensure(12);
                putInt(8);
                putLong(t.toSecondOfDay() * 1_000_000L + roundedMicros(t.getNano()));
            }
        }
    }

    /**
     * PostgreSQL keeps microseconds and rounds finer fractions to the nearest one, halves to even, as its text input
     * does (rint).
     */
    static long roundedMicros(int nanos) {
        long micros = nanos / 1000;
        int rest = nanos % 1000;
        return rest > 500 || (rest == 500 && (micros & 1) == 1) ? micros + 1 : micros;
    }

    private void writeText(int column, String value) throws ValueRejectedException {
        int length = value.length();
        ensure(4 + length * 3);
        int lengthAt = position;
        position += 4;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw new ValueRejectedException(column,
                            "NUL character at position " + i + " (PostgreSQL text cannot hold it)");
                }
                buffer[position++] = (byte) c;
            } else {
                // Rare in practice: encode the rest of the string with the JDK's UTF-8 encoder (surrogate pairs).
                byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
                for (int j = i; j < length; j++) {
                    if (value.charAt(j) == 0) {
                        throw new ValueRejectedException(column,
                                "NUL character at position " + j + " (PostgreSQL text cannot hold it)");
                    }
                }
                System.arraycopy(rest, 0, buffer, position, rest.length);
                position += rest.length;
                break;
            }
        }
        int bytes = position - lengthAt - 4;
        int saved = position;
        position = lengthAt;
        putInt(bytes);
        position = saved;
    }

    /** numeric: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 digits, most significant first. */
    private void writeNumeric(BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        BigDecimal abs = value.signum() < 0 ? value.negate() : value;
        // Align the decimal point to a base-10000 digit boundary.
        int alignedScale = (dscale + 3) / 4 * 4;
        BigInteger unscaled = abs.setScale(alignedScale).unscaledValue();
        int count = 0;
        // Least significant group first; fractional groups = alignedScale / 4.
        if (unscaled.bitLength() < 63) {
            long u = unscaled.longValue();
            while (u != 0) {
                growDigits(count);
                digits[count++] = (short) (u % 10_000);
                u /= 10_000;
            }
        } else {
            BigInteger u = unscaled;
            while (u.signum() != 0) {
                BigInteger[] qr = u.divideAndRemainder(TEN_THOUSAND);
                growDigits(count);
                digits[count++] = qr[1].shortValue();
                u = qr[0];
            }
        }
        int fractionalGroups = alignedScale / 4;
        int low = 0;
        while (low < count && digits[low] == 0) {
            low++;
        }
        int ndigits = count - low;
        int weight = ndigits == 0 ? 0 : count - 1 - fractionalGroups;
        ensure(12 + ndigits * 2);
        putInt(8 + ndigits * 2);
        putShort(ndigits);
        putShort(weight);
        putShort(value.signum() < 0 && ndigits > 0 ? 0x4000 : 0);
        putShort(dscale);
        for (int i = count - 1; i >= low; i--) {
            putShort(digits[i]);
        }
    }

    private void growDigits(int count) {
        if (count == digits.length) {
            digits = java.util.Arrays.copyOf(digits, count * 2);
        }
    }

    private void ensure(int bytes) {
        if (position + bytes > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, position + bytes)];
            System.arraycopy(buffer, 0, bigger, 0, position);
            buffer = bigger;
        }
    }

    private void putShort(int v) {
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    private void putInt(int v) {
        buffer[position++] = (byte) (v >>> 24);
        buffer[position++] = (byte) (v >>> 16);
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
