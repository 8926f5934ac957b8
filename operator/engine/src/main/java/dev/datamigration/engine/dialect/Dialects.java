package dev.datamigration.engine.dialect;

import dev.datamigration.engine.MigrationException;

/** Picks the dialect of a JDBC URL. */
public final class Dialects {

    private Dialects() {
    }

    public static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        String scheme = jdbcUrl == null ? "(none)" : jdbcUrl.replaceFirst("^(jdbc:[^:]+):.*$", "$1");
        throw MigrationException.permanent("no copy dialect for " + scheme + " yet: supported is jdbc:postgresql");
    }
}
