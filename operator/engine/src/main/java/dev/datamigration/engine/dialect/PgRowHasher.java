package dev.datamigration.engine.dialect;

/**
 * The verification hash of one row in PostgreSQL's binary COPY encoding: MurmurHash3 x64 128 over the row's fields
 * as they are on the wire (per field an int32 length, -1 for NULL, then the value's bytes), in column order. The
 * binary encoding of a value is canonical for that value with one exception, normalised here: a numeric carries its
 * display scale, which the column's declared scale may change on storage (1.5 written, 1.50000000 stored), so the
 * scale word is hashed as zero; the digits (base 10000, without leading or trailing zero digits), weight and sign
 * still identify the value, so 1.5 and 1.50 hash alike as the normalised-value hasher's decimals do. One instance
 * per thread (it reuses a scratch buffer).
 */
final class PgRowHasher {

    private final PgBinaryType[] types;
    private final boolean hasNumeric;
    private byte[] scratch = new byte[1024];

    PgRowHasher(PgBinaryType[] types) {
        this.types = types.clone();
        boolean numeric = false;
        for (PgBinaryType type : types) {
            numeric |= type == PgBinaryType.NUMERIC;
        }
        this.hasNumeric = numeric;
    }

    /** Hashes the fields in {@code data[from, to)} (one whole row without its field count). */
    void hash(byte[] data, int from, int to, RowHashSink sink) {
        if (!hasNumeric) {
            Murmur3x64.hash(data, from, to, sink);
            return;
        }
        int length = to - from;
        if (scratch.length < length) {
            scratch = new byte[Math.max(scratch.length * 2, length)];
        }
        System.arraycopy(data, from, scratch, 0, length);
        int p = 0;
        for (PgBinaryType type : types) {
            int fieldLength = PgBinaryDecoder.getInt(scratch, p);
            p += 4;
            if (type == PgBinaryType.NUMERIC && fieldLength >= 8) {
                scratch[p + 6] = 0;
                scratch[p + 7] = 0;
            }
            p += Math.max(fieldLength, 0);
        }
        Murmur3x64.hash(scratch, 0, length, sink);
    }
}
