package dev.datamigration.devtools.bench;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * The reference the engine is measured against: the source's {@code COPY ... TO STDOUT (FORMAT binary)}
 * streamed straight into the target's {@code COPY ... FROM STDIN (FORMAT binary)}, buffer by buffer, with no
 * decoding at all, in one target transaction. No correct copier can beat it by much: it does no remapping and no
 * checking, and the target's COPY backend is its bottleneck.
 */
public final class RawPipe {

    private RawPipe() {
    }

    /** Pipes every row of {@code sourceTable} into {@code targetTable} and returns the rows moved. */
    public static long copy(Connection source, String sourceTable, Connection target, String targetTable,
                            String columns) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            CopyOut out = source.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY " + BenchTable.quote(sourceTable) + " (" + columns + ") TO STDOUT (FORMAT binary)");
            CopyIn in = target.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + BenchTable.quote(targetTable) + " (" + columns + ") FROM STDIN (FORMAT binary)");
            try {
                byte[] buffer;
                while ((buffer = out.readFromCopy()) != null) {
                    in.writeToCopy(buffer, 0, buffer.length);
                }
                long rows = in.endCopy();
                target.commit();
                return rows;
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
                if (out.isActive()) {
                    out.cancelCopy();
                }
            }
        } catch (SQLException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
    }
}
