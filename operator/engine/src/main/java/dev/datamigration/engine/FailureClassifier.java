package dev.datamigration.engine;

import java.sql.SQLException;

/** Decides whether a failure is permanent (do not retry) or transient (retry and resume from the checkpoint). */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    /**
     * Permanent: a {@link MigrationException} marked so, and SQL errors whose class says the data or the statement is
     * wrong (22 data exception, 23 integrity violation, 42 syntax or access rule, 28 invalid authorisation). Everything
     * else (08 connection, 40 rollback, 53 resources, 57 operator intervention, I/O) is transient.
     */
    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MigrationException m) {
                return m.permanent();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                String sqlClass = sql.getSQLState().substring(0, 2);
                return switch (sqlClass) {
                    case "22", "23", "42", "28" -> true;
                    default -> false;
                };
            }
        }
        return false;
    }
}
