package dev.datamigration.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Closes connections the engine is abandoning: after a failure, or to stop work other threads do on them (their
 * reads and writes fail, and the server rolls their transactions back). An error while closing is not the failure
 * being handled, so it is dropped.
 */
public final class Abandon {

    private Abandon() {
    }

    public static void all(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                // Abandoned: the error that led here is the one that counts.
            }
        }
    }
}
