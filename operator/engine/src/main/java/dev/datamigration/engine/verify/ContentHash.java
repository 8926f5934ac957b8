package dev.datamigration.engine.verify;

/**
 * An order-independent hash of a table's rows: the sum of the 128-bit row hashes modulo 2^128, plus the row count.
 * Addition (unlike XOR) does not cancel duplicate rows, and it lets both sides be read in any order.
 */
public final class ContentHash {

    private long high;
    private long low;
    private long rows;

    /** Adds one 16-byte row hash. */
    public void add(byte[] rowHash) {
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (rowHash[i] & 0xFF);
            l = (l << 8) | (rowHash[i + 8] & 0xFF);
        }
        long sum = low + l;
        long carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
        low = sum;
        high = high + h + carry;
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** 32 hex digits. */
    public String hex() {
        return String.format("%016x%016x", high, low);
    }

    @Override
    public boolean equals(Object o) {
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
