package dev.datamigration.engine.sync;

import java.sql.SQLException;

/**
 * One side's rows in identifier order, as the keyed merge of a Sync reads them: the key and the row of normalised
 * target values (the source side already remapped and masked).
 */
interface KeyedRows extends AutoCloseable {

    /** Moves to the next row; false at the end. */
    boolean next() throws SQLException;

    /** The current row's identifier: a Long, or a String for a text identifier. */
    Object key();

    /** The current row's values in compared-column order; reused between rows. */
    Object[] row();

    @Override
    void close() throws SQLException;

    /**
     * Orders two identifiers as both databases' ORDER BY does: integers numerically, texts by code point (the reads
     * order text keys with {@code COLLATE "C"}, which on UTF-8 is code point order).
     */
    static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        String s = a.toString();
        String t = b.toString();
        int i = 0;
        int j = 0;
        while (i < s.length() && j < t.length()) {
            int c = s.codePointAt(i);
            int d = t.codePointAt(j);
            if (c != d) {
                return Integer.compare(c, d);
            }
            i += Character.charCount(c);
            j += Character.charCount(d);
        }
        return Integer.compare(s.length() - i, t.length() - j);
    }
}
