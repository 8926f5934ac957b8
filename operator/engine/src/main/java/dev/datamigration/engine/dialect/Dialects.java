package dev.datamigration.engine.dialect;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.oracle.OracleDialect;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.dialect.sqlserver.SqlServerDialect;

/** Picks the dialect of a JDBC URL. */
public final class Dialects {

    private Dialects() {
    }

    public static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlserver:")) {
            return new SqlServerDialect();
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:oracle:")) {
            return new OracleDialect();
        }
        String scheme = jdbcUrl == null ? "(none)" : jdbcUrl.replaceFirst("^(jdbc:[^:]+):.*$", "$1");
        throw MigrationException.permanent("no copy dialect for " + scheme
                + ": supported are jdbc:postgresql, jdbc:sqlserver and jdbc:oracle");
    }
}
