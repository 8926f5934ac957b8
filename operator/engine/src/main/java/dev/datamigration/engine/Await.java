package dev.datamigration.engine;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for work done on another thread and throws its failure as it was (SQL or runtime). */
public final class Await {

    private Await() {
    }

    /**
     * The result of {@code future}. An interrupt becomes an SQLException with SQLState 57014 (query canceled) naming
     * {@code what} ("verifying Sales.Order"); a checked failure other than SQLException is wrapped.
     */
    public static <T> T result(Future<T> future, String what) throws SQLException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while " + what, "57014", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
