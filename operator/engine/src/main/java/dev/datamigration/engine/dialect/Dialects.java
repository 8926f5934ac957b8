package dev.datamigration.engine.dialect;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.oracle.OracleDialect;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.dialect.sqlserver.SqlServerDialect;
import java.util.List;

/**
 * The registered dialects, and the one a JDBC URL picks: the first that {@link Dialect#handles handles} it. This is
 * the only class outside a dialect's package that names it; the rest of the engine holds a {@link Dialect}.
 */
public final class Dialects {

    /** In the order they are asked. Dialects are stateless: one instance serves every copy. */
    private static final List<Dialect> REGISTERED = List.of(new PostgresDialect(), new SqlServerDialect(),
            new OracleDialect());

    private Dialects() {
    }

    public static Dialect forUrl(String jdbcUrl) {
        for (Dialect dialect : REGISTERED) {
            if (dialect.handles(jdbcUrl)) {
                return dialect;
            }
        }
        String scheme = jdbcUrl == null ? "(none)" : jdbcUrl.replaceFirst("^(jdbc:[^:]+):.*$", "$1");
        throw MigrationException.permanent("no copy dialect for " + scheme + ": supported are " + supported());
    }

    /** "a, b and c" of the registered URL schemes. */
    private static String supported() {
        List<String> schemes = REGISTERED.stream().map(Dialect::urlScheme).toList();
        int last = schemes.size() - 1;
        return last == 0 ? schemes.get(0)
                : String.join(", ", schemes.subList(0, last)) + " and " + schemes.get(last);
    }
}
