package dev.datamigration.engine.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/** Changes a test makes to a source inside its transaction, each in a savepoint of its own. */
public final class Savepoints {

    private Savepoints() {
    }

    /**
     * Runs one change in a savepoint and returns the rows it changed; a change the source's own constraints refuse is
     * rolled back to the savepoint and left out (0).
     */
    public static int attempt(Connection connection, String sql) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            int rows = st.executeUpdate(sql);
            connection.releaseSavepoint(savepoint);
            return rows;
        } catch (SQLException refused) {
            connection.rollback(savepoint);
            return 0;
        }
    }
}
