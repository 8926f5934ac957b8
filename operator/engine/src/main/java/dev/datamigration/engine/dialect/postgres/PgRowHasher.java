package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.RowHashSink;

/**
 * The verification hash of one row in PostgreSQL's binary COPY encoding: MurmurHash3 x64 128 over the row's fields
 * as they are on the wire (per field an int32 length, -1 for NULL, then the value's bytes), in column order. The
 * binary encoding of a value is canonical for that value with one exception, normalised here: a numeric carries its
 * display scale, which the column's declared scale may change on storage (1.5 written, 1.50000000 stored), so the
 * scale word is hashed as zero; the digits (base 10000, without leading or trailing zero digits), weight and sign
 * still identify the value, so 1.5 and 1.50 hash alike as the normalised-value hasher's decimals do. One instance
 * per thread.
 */
final class PgRowHasher {

    private final PgBinaryType[] types;
    /** Index of the last numeric column, -1 when there is none: the field walk stops there. */
    private final int lastNumeric;
    private final int[] scaleAt;
    private final short[] scale;

    PgRowHasher(PgBinaryType[] types) {
        this.types = types.clone();
        int last = -1;
        int count = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == PgBinaryType.NUMERIC) {
                last = i;
                count++;
            }
        }
        this.lastNumeric = last;
        this.scaleAt = new int[count];
        this.scale = new short[count];
    }

    /**
     * Hashes the fields in {@code data[from, to)} (one whole row without its field count). The numeric scale words
     * are zeroed in place for the hash and restored before returning, so the row is not copied.
     */
    void hash(byte[] data, int from, int to, RowHashSink sink) {
        if (lastNumeric < 0) {
            Murmur3x64.hash(data, from, to, sink);
            return;
        }
        int masked = 0;
        int p = from;
        for (int i = 0; i <= lastNumeric; i++) {
            int fieldLength = PgBinaryDecoder.getInt(data, p);
            p += 4;
            if (types[i] == PgBinaryType.NUMERIC && fieldLength >= 8) {
                scaleAt[masked] = p + 6;
                scale[masked] = (short) PgBinaryDecoder.getShort(data, p + 6);
                data[p + 6] = 0;
                data[p + 7] = 0;
                masked++;
            }
            p += Math.max(fieldLength, 0);
        }
        try {
            Murmur3x64.hash(data, from, to, sink);
        } finally {
            for (int m = 0; m < masked; m++) {
                data[scaleAt[m]] = (byte) (scale[m] >>> 8);
                data[scaleAt[m] + 1] = (byte) scale[m];
            }
        }
    }
}
