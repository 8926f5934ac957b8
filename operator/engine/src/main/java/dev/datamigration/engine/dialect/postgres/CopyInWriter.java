package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.BulkWriter;
import java.io.IOException;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * What the text and binary COPY writers share: the end of the COPY (flush what the format still holds, then
 * {@code endCopy}) and its cancellation, at most once.
 */
abstract class CopyInWriter implements BulkWriter {

    final CopyIn copy;
    private boolean done;

    CopyInWriter(CopyIn copy) {
        this.copy = copy;
    }

    /** Writes out whatever the format still buffers (and its trailer, if it has one). */
    abstract void flushRows() throws IOException;

    @Override
    public final long finish() throws SQLException {
        try {
            flushRows();
            done = true;
            return copy.endCopy();
        } catch (IOException e) {
            throw asSql(e);
        }
    }

    @Override
    public final void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The transaction is rolled back by the caller; a failed cancel leaves nothing behind.
        }
    }

    static SQLException asSql(IOException e) {
        if (e.getCause() instanceof SQLException sql) {
            return sql;
        }
        return new SQLException("COPY stream failed: " + e.getMessage(), "08006", e);
    }
}
