package dev.datamigration.engine;

import java.sql.SQLException;
import java.util.Set;

/**
 * Classifies SQL Server errors by their error number ({@link SQLException#getErrorCode()}). The Microsoft JDBC driver
 * gives most server errors the SQLSTATE {@code S000<state>} (S0001 for a RAISERROR or THROW of state 1), which says
 * nothing; it maps only a few numbers to standard SQLSTATEs (515, 547, 2601, 2627 to 23000; 8152 to 22001; 1205 to
 * 40001), and reports a lost connection as SQLSTATE 08S01 with error number 0. {@code BatchUpdateException}s of the
 * driver carry the same SQLSTATE and number but are not of the driver's class, hence the SQLSTATE test.
 * With the connection property {@code xopenStates=true} every server error gets 42000: the numbers below still decide
 * for those they list.
 */
final class SqlServerErrors {

    /** Errors raised by users' code (RAISERROR, THROW, sp_addmessage messages) are numbered from 50000. */
    private static final int FIRST_USER_ERROR = 50000;

    private static final Set<Integer> PERMANENT = Set.of(
            // a trigger ended or aborted the transaction (ROLLBACK in a trigger, an error raised in a trigger)
            3609, 3616,
            // missing objects: invalid object name, invalid column name, unbound identifier, missing procedure
            208, 207, 4104, 2812,
            // permissions: object, column, database, action, server; principal without access to the database
            229, 230, 262, 297, 300, 916,
            // login failed, account locked, password expired
            18456, 18486, 18488,
            // data: NULL into NOT NULL, foreign key or check, duplicate key, truncation, conversion, overflow
            515, 547, 2601, 2627, 8152, 2628, 241, 242, 245, 8114, 8115, 220);

    private static final Set<Integer> TRANSIENT = Set.of(
            // deadlock victim, lock request timeout, snapshot isolation update conflict, lock resources
            1205, 1222, 3960, 1204,
            // memory, transaction log or filegroup full
            701, 8645, 8651, 9002, 1105,
            // Azure SQL: database unavailable, busy, resource limits, failover (Microsoft's retry list)
            4060, 4221, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920,
            // network errors as SqlClient numbers them; the JDBC driver reports these as SQLSTATE 08S01
            -1, -2, 20, 64, 233, 10053, 10054, 10060);

    private SqlServerErrors() {
    }

    /** Whether {@code e} comes from the Microsoft JDBC driver for SQL Server. */
    static boolean reported(SQLException e) {
        String state = e.getSQLState();
        return e.getClass().getName().startsWith("com.microsoft.sqlserver.")
                || state != null && state.startsWith("S000");
    }

    static Verdict classify(int errorNumber) {
        if (errorNumber >= FIRST_USER_ERROR || PERMANENT.contains(errorNumber)) {
            return Verdict.PERMANENT;
        }
        if (TRANSIENT.contains(errorNumber)) {
            return Verdict.TRANSIENT;
        }
        return Verdict.UNKNOWN;
    }
}
