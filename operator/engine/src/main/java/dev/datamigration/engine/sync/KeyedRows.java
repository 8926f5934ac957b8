package dev.datamigration.engine.sync;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
     * The rows of {@code ps}'s query (executed here; closed with the rows, or at once when the query fails), each
     * turned into values by {@code reader}, the identifier at {@code keyIndex}.
     */
    static KeyedRows over(PreparedStatement ps, SideReads.RowReader reader, int keyIndex) throws SQLException {
        ResultSet rs;
        try {
            rs = ps.executeQuery();
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return new KeyedRows() {
            private Object[] row;

            @Override
            public boolean next() throws SQLException {
                if (!rs.next()) {
                    return false;
                }
                row = reader.read(rs);
                return true;
            }

            @Override
            public Object key() {
                Object k = row[keyIndex];
                return k instanceof Number n && !(k instanceof Long) ? n.longValue() : k;
            }

            @Override
            public Object[] row() {
                return row;
            }

            @Override
            public void close() throws SQLException {
                try {
                    rs.close();
                } finally {
                    ps.close();
                }
            }
        };
    }

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
