package dev.datamigration.engine.verify;

import dev.datamigration.engine.dialect.RowHashSink;

/**
 * An order-independent hash of a table's rows: the sum of the 128-bit row hashes modulo 2^128, plus the row count.
 * Addition (unlike XOR) does not cancel duplicate rows, and it lets both sides be read in any order (and parallel
 * streams add into one sum: it is thread-safe).
 */
public final class ContentHash implements RowHashSink {

    private long high;
    private long low;
    private long rows;
    private boolean countOnly;

    /** A count without row hashes (the rows were not hashed as they were written). */
    public static ContentHash countOnly(long rows) {
        ContentHash count = new ContentHash();
        count.rows = rows;
        count.countOnly = true;
        return count;
    }

    /** False for a {@link #countOnly} count. */
    public boolean hasRowHashes() {
        return !countOnly;
    }

    /** Adds one 16-byte row hash (big-endian: the first 8 bytes are the high word). */
    public void add(byte[] rowHash) {
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (rowHash[i] & 0xFF);
            l = (l << 8) | (rowHash[i + 8] & 0xFF);
        }
        add(h, l);
    }

    /** Adds one row hash given as its high and low 64-bit words. */
    @Override
    public synchronized void add(long h, long l) {
        long sum = low + l;
        long carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
        low = sum;
        high = high + h + carry;
        rows++;
    }

    public synchronized long rows() {
        return rows;
    }

    /** 32 hex digits. */
    public synchronized String hex() {
        return String.format("%016x%016x", high, low);
    }

    @Override
    public synchronized boolean equals(Object o) {
        return o instanceof ContentHash c && c.high == high && c.low == low && c.rows == rows;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public String toString() {
        return rows + " rows, " + hex();
    }
}
