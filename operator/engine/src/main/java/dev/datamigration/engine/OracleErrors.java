package dev.datamigration.engine;

import java.sql.SQLException;
import java.util.Set;

/**
 * Classifies Oracle errors by their ORA number ({@link SQLException#getErrorCode()}). The Oracle JDBC driver maps many
 * numbers to standard SQLSTATEs (ORA-00942 and ORA-04088 to 42000, ORA-00001 to 23000, ORA-03113 and ORA-17002 to
 * 08006) but others to classes that say nothing: RAISE_APPLICATION_ERROR (ORA-20000 to ORA-20999), a too-large value
 * (ORA-12899), invalid credentials (ORA-01017) and a serialization failure (ORA-08177) all give 72000, a deadlock
 * (ORA-00060) 61000. Its messages, server and driver errors alike, start with {@code ORA-}.
 */
final class OracleErrors {

    private static final int FIRST_APPLICATION_ERROR = 20000;
    private static final int LAST_APPLICATION_ERROR = 20999;

    private static final Set<Integer> PERMANENT = Set.of(
            // trigger failed, mutating table in a trigger, trigger invalid
            4088, 4091, 4098,
            // missing objects: table or view, column, object
            942, 904, 4043,
            // permissions: insufficient privileges, none on the tablespace, quota exceeded
            1031, 1950, 1536,
            // invalid username/password, account locked, password expired
            1017, 28000, 28001,
            // data: unique, NULL, check, foreign keys, precision, too large, invalid number, dates, PL/SQL value
            1, 1400, 1407, 2290, 2291, 2292, 1438, 12899, 1401, 1722, 1830, 1840, 1841, 1843, 1847, 1858, 1861, 6502);

    private static final Set<Integer> TRANSIENT = Set.of(
            // deadlock, cannot serialize access, resource busy, lock wait timeouts, snapshot too old, cancelled
            60, 8177, 54, 4021, 30006, 1555, 1013,
            // lost connection or session: end-of-file on channel, not connected, lost contact, session killed
            3113, 3114, 3135, 28, 31, 1012, 17002, 17008, 17410,
            // shutdown or startup in progress, listener or service unavailable
            1033, 1034, 1089, 1090, 1092, 12514, 12518, 12519, 12520, 12528, 12537, 12541, 12170,
            // space, memory, archiver
            1652, 1653, 1654, 1688, 30036, 4030, 4031, 257,
            // existing state of packages discarded (recompiled): the next call succeeds
            4068, 4061);

    private OracleErrors() {
    }

    /** Whether {@code e} comes from the Oracle JDBC driver. */
    static boolean reported(SQLException e) {
        String message = e.getMessage();
        return e.getErrorCode() > 0 && message != null && message.stripLeading().startsWith("ORA-");
    }

    static Verdict classify(int oraNumber) {
        if (oraNumber >= FIRST_APPLICATION_ERROR && oraNumber <= LAST_APPLICATION_ERROR
                || PERMANENT.contains(oraNumber)) {
            return Verdict.PERMANENT;
        }
        if (TRANSIENT.contains(oraNumber)) {
            return Verdict.TRANSIENT;
        }
        return Verdict.UNKNOWN;
    }
}
