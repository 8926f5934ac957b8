package dev.datamigration.engine;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a standard SQLSTATE (ISO/IEC 9075 classes as PostgreSQL reports them; Oracle and SQL Server map some of
 * their errors to the same classes). The class (first two characters) decides unless the full code is listed.
 */
final class SqlStateRules {

    /** Codes whose class says otherwise. */
    private static final Map<String, Verdict> CODES = Map.of(
            // transaction_integrity_constraint_violation: a constraint checked at commit; a retry fails the same way
            "40002", Verdict.PERMANENT,
            // database_dropped: the database is gone, no retry brings it back
            "57P04", Verdict.PERMANENT);

    /**
     * Classes where the data, the statement or the target's set-up is wrong: 09 triggered action exception, 0A
     * feature not supported, 21 cardinality violation, 22 data exception, 23 integrity constraint violation, 27
     * triggered data change violation, 28 invalid authorization, 2F SQL routine exception, 38/39 external routine,
     * 3D invalid catalog (database) name, 3F invalid schema name, 42 syntax error or access rule violation (42501
     * insufficient privilege, 42P01 undefined table, 42703 undefined column), 44 WITH CHECK OPTION violation, 54
     * program limit exceeded, P0 PL/pgSQL (P0001 RAISE EXCEPTION in a trigger or function, P0004 assert failure).
     */
    private static final Set<String> PERMANENT_CLASSES = Set.of("09", "0A", "21", "22", "23", "27", "28", "2F",
            "38", "39", "3D", "3F", "42", "44", "54", "P0");

    /**
     * Classes where the same statement may succeed later: 08 connection exception, 40 transaction rollback (40001
     * serialization failure, 40P01 deadlock), 53 insufficient resources, 55 object not in prerequisite state (55P03
     * lock not available), 57 operator intervention (57014 query canceled, 57P01 admin shutdown, 57P02 crash
     * shutdown, 57P03 cannot connect now), 58 system error (I/O).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "55", "57", "58");

    private SqlStateRules() {
    }

    static Verdict classify(String sqlState) {
        if (sqlState == null || sqlState.length() < 2) {
            return Verdict.UNKNOWN;
        }
        String code = sqlState.toUpperCase(Locale.ROOT);
        Verdict listed = CODES.get(code);
        if (listed != null) {
            return listed;
        }
        String sqlClass = code.substring(0, 2);
        if (PERMANENT_CLASSES.contains(sqlClass)) {
            return Verdict.PERMANENT;
        }
        if (TRANSIENT_CLASSES.contains(sqlClass)) {
            return Verdict.TRANSIENT;
        }
        return Verdict.UNKNOWN;
    }
}
