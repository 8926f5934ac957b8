package dev.datamigration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.sqlserver.jdbc.SQLServerConnection;
import com.microsoft.sqlserver.jdbc.SQLServerException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import oracle.jdbc.driver.DatabaseError;
import org.junit.jupiter.api.Test;

/**
 * One test per class of failure. SQL Server failures are built as the Microsoft driver builds them (its exception
 * class, the SQLSTATE S000 + state it gives most server errors, the error number), Oracle failures by the Oracle
 * driver's own factory (which picks the SQLSTATE and the exception class from the ORA number).
 */
class FailureClassifierTest {

    private static boolean permanent(Throwable failure) {
        return FailureClassifier.isPermanent(failure);
    }

    private static List<String> permanentStates(String... states) {
        return Arrays.stream(states).filter(s -> permanent(new SQLException("x", s))).toList();
    }

    /** A SQL Server error as the driver reports it: its exception class, {@code state}, {@code number}. */
    private static SQLException sqlServer(int number, String state) {
        try {
            Constructor<SQLServerException> constructor = SQLServerException.class.getDeclaredConstructor(
                    String.class, String.class, int.class, Throwable.class);
            constructor.setAccessible(true);
            return constructor.newInstance("Msg " + number, state, number, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server error numbered {@code number} raised with state 1, with the SQLSTATE the driver gives it. */
    private static SQLException sqlServer(int number) {
        try {
            Method state = SQLServerException.class.getDeclaredMethod("generateStateCode",
                    SQLServerConnection.class, int.class, Integer.class);
            state.setAccessible(true);
            return sqlServer(number, (String) state.invoke(null, null, number, 1));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SQLException oracle(int number) {
        return DatabaseError.newSQLException(null, String.format("ORA-%05d: message", number), number);
    }

    @Test
    void dataAndConstraintErrorsArePermanent() {
        assertThat(permanentStates("23505", "23503", "23502", "23514", "22P02", "22001", "22003", "22008", "21000",
                "27000", "44000", "40002")).hasSize(12);
    }

    @Test
    void triggerAndRoutineExceptionsArePermanent() {
        // P0001 is RAISE EXCEPTION in a PL/pgSQL trigger or function; P0004 a failed ASSERT
        assertThat(permanentStates("P0001", "P0002", "P0003", "P0004", "09000", "2F005", "38001", "39P01"))
                .hasSize(8);
    }

    @Test
    void missingObjectsAndPermissionsArePermanent() {
        assertThat(permanentStates("42P01", "42703", "42883", "42501", "42601", "3F000", "3D000", "28P01", "28000",
                "0A000", "54000", "57P04")).hasSize(12);
    }

    @Test
    void connectionLossConflictsShutdownsAndResourcesAreTransient() {
        assertThat(permanentStates("08006", "08001", "08003", "08S01", "08P01", "40001", "40P01", "40003", "57014",
                "57P01", "57P02", "57P03", "57P05", "53100", "53200", "53300", "53400", "55P03", "55006", "58030"))
                .isEmpty();
    }

    @Test
    void failuresThatDoNotTellAreTransient() {
        assertThat(permanentStates("XX000", "HY008", "S1000", "0", "")).isEmpty();
        assertThat(permanent(new SQLException("no state"))).isFalse();
        assertThat(permanent(new RuntimeException(new IOException("reset")))).isFalse();
        assertThat(permanent(new IllegalStateException("bug"))).isFalse();
        assertThat(permanent(null)).isFalse();
    }

    @Test
    void ourOwnInterruptIsTransient() {
        // Await and the schedulers raise 57014 when the copy is being stopped: never a verdict on the data
        assertThat(permanent(new SQLException("interrupted while copying Sales.Note", "57014",
                new InterruptedException()))).isFalse();
    }

    @Test
    void sqlServerUserErrorsTriggerRollbacksMissingObjectsAndPermissionsArePermanent() {
        // RAISERROR('...', 16, 1) and THROW 50000 give error 50000 and SQLSTATE S0001; THROW may use any number above
        assertThat(sqlServer(50000).getSQLState()).isEqualTo("S0001");
        assertThat(permanent(sqlServer(50000))).isTrue();
        assertThat(permanent(sqlServer(50000, "S0016"))).isTrue();
        assertThat(permanent(sqlServer(51234))).isTrue();
        assertThat(permanent(sqlServer(2_147_483_647))).isTrue();
        assertThat(sqlServer(208).getSQLState()).isEqualTo("S0002");
        assertThat(IntStream.of(3609, 3616, 208, 207, 4104, 2812, 229, 230, 262, 297, 300, 916, 18456, 18486, 18488,
                515, 547, 2601, 2627, 8152, 2628, 245, 8115, 220).filter(n -> !permanent(sqlServer(n)))).isEmpty();
    }

    @Test
    void sqlServerBatchFailuresAreReadFromTheirStateAndNumber() {
        // the driver's executeBatch throws a plain BatchUpdateException with the server error's SQLSTATE and number
        assertThat(permanent(new BatchUpdateException("refused", "S0001", 50000, new int[0]))).isTrue();
        assertThat(permanent(new BatchUpdateException("deadlock", "40001", 1205, new int[0]))).isFalse();
        assertThat(permanent(new BatchUpdateException("lock timeout", "S0001", 1222, new int[0]))).isFalse();
    }

    @Test
    void sqlServerDeadlocksConflictsAzureFailoversAndLostConnectionsAreTransient() {
        assertThat(sqlServer(1205).getSQLState()).isEqualTo("40001");
        assertThat(IntStream.of(1205, 1222, 3960, 1204, 701, 8645, 9002, 1105, 4060, 40197, 40501, 40613, 49918,
                10928, 10929, 233, 10053, 10054, 10060, -1).filter(n -> permanent(sqlServer(n)))).isEmpty();
        // a lost connection: a driver error, number 0, SQLSTATE 08S01; a closed one: number 0, no SQLSTATE
        assertThat(permanent(sqlServer(0, "08S01"))).isFalse();
        assertThat(permanent(sqlServer(0, ""))).isFalse();
        // an unlisted server error says nothing through S0001
        assertThat(permanent(sqlServer(9999))).isFalse();
        // with xopenStates=true every server error has 42000: a listed number still decides
        assertThat(permanent(sqlServer(1205, "42000"))).isFalse();
    }

    @Test
    void oracleApplicationErrorsTriggerErrorsMissingObjectsAndPermissionsArePermanent() {
        // RAISE_APPLICATION_ERROR: ORA-20000..20999, SQLSTATE 72000 from the driver
        assertThat(oracle(20001).getSQLState()).isEqualTo("72000");
        assertThat(IntStream.of(20000, 20001, 20999, 4088, 4091, 942, 904, 1031, 1950, 1536, 1017, 1, 1400, 1407,
                2291, 1438, 12899, 1722, 1861).filter(n -> !permanent(oracle(n)))).isEmpty();
        assertThat(permanent(oracle(19999))).isFalse();
        assertThat(permanent(oracle(21000))).isFalse();
    }

    @Test
    void oracleDeadlocksSerializationLostConnectionsShutdownsAndSpaceAreTransient() {
        assertThat(oracle(8177).getSQLState()).isEqualTo("72000");
        assertThat(IntStream.of(60, 8177, 54, 1555, 1013, 3113, 3114, 3135, 28, 17002, 17008, 1033, 1089, 1092,
                12514, 12541, 1652, 30036, 4068).filter(n -> permanent(oracle(n)))).isEmpty();
    }

    @Test
    void aBatchFailureIsReadThroughItsChainedExceptions() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        batch.setNextException(new SQLException("ERROR: refused by a QA trigger", "P0001"));
        assertThat(permanent(batch)).isTrue();
    }

    @Test
    void theOutermostFailureThatTellsDecides() {
        assertThat(permanent(new RuntimeException(new SQLException("dup", "23505")))).isTrue();
        assertThat(permanent(new SQLException("COPY into t failed", new SQLException("dup", "23505")))).isTrue();
        assertThat(permanent(new SQLException("COPY stream failed", "08006", new SQLException("dup", "23505"))))
                .isFalse();
    }

    @Test
    void aMigrationExceptionMarkedPermanentDecidesAndOneNotMarkedLetsItsCauseDecide() {
        assertThat(permanent(MigrationException.permanent("model mismatch"))).isTrue();
        assertThat(permanent(MigrationException.permanent("model mismatch")
                .initCause(new SQLException("gone", "08006")))).isTrue();
        assertThat(permanent(new MigrationException("rows differ in flight", false))).isFalse();
        assertThat(permanent(new MigrationException("load failed", false,
                new SQLException("refused by a QA trigger", "P0001")))).isTrue();
        assertThat(permanent(new MigrationException("load failed", false, new SQLException("gone", "08006"))))
                .isFalse();
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(permanent(a)).isFalse();
    }
}
