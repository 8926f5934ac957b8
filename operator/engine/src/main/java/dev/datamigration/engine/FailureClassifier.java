package dev.datamigration.engine;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Decides whether a failure is permanent (do not retry: a rerun with the same data and target fails the same way) or
 * transient (retry and resume from the checkpoint). A copy Job exits 2 for a permanent failure, which fails the Job at
 * once, and 1 otherwise, which the Job retries up to its backoffLimit.
 * <p>
 * The failure and its causes are read outermost first. A {@link MigrationException} marked permanent decides; one not
 * marked so lets its cause decide (a wrapper must not hide a permanent cause) and is transient without one. An
 * {@link SQLException} decides when its vendor's error number is listed ({@link SqlServerErrors},
 * {@link OracleErrors}) or else its SQLSTATE's class is ({@link SqlStateRules}); one that does not tell passes to the
 * exceptions chained with {@link SQLException#getNextException()}, then to its cause. A failure nothing in the chain
 * classifies (an I/O error, an unknown SQLSTATE) is transient: a needless retry costs time, a wrong permanent verdict
 * ends the run.
 * <p>
 * SQLSTATE 57014 (query canceled) is transient, including the one this engine raises itself when a thread waiting for
 * a stream or a verification is interrupted: that happens when the copy is being stopped (another step failed and
 * decides the exit code, or the pod is shutting down), never because the data is wrong. A statement_timeout that a
 * target role always hits also gives 57014 and is retried until the Job's backoffLimit.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static boolean isPermanent(Throwable failure) {
        return verdict(failure) == Verdict.PERMANENT;
    }

    static Verdict verdict(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof MigrationException m && m.permanent()) {
                return Verdict.PERMANENT;
            }
            if (t instanceof SQLException sql) {
                Verdict verdict = chained(sql, seen);
                if (verdict != Verdict.UNKNOWN) {
                    return verdict;
                }
            }
        }
        return Verdict.UNKNOWN;
    }

    /** The first verdict of {@code sql} and the exceptions chained to it (a batch's further failures). */
    private static Verdict chained(SQLException sql, Set<Throwable> seen) {
        Verdict verdict = classify(sql);
        for (SQLException next = sql.getNextException(); verdict == Verdict.UNKNOWN && next != null
                && seen.add(next); next = next.getNextException()) {
            verdict = classify(next);
        }
        return verdict;
    }

    /** One SQL error: its vendor's error number when listed, else its SQLSTATE. */
    static Verdict classify(SQLException sql) {
        Verdict vendor = Verdict.UNKNOWN;
        if (SqlServerErrors.reported(sql)) {
            vendor = SqlServerErrors.classify(sql.getErrorCode());
        } else if (OracleErrors.reported(sql)) {
            vendor = OracleErrors.classify(sql.getErrorCode());
        }
        return vendor != Verdict.UNKNOWN ? vendor : SqlStateRules.classify(sql.getSQLState());
    }
}
