package dev.datamigration.engine;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens further connections to one database (the caller holds the credentials): parallel streams read the source on
 * connections of their own. The engine closes what it opens.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /** No further connections: every entity is read on the copy's own source connection. */
    ConnectionFactory NONE = () -> {
        throw new SQLException("no further connections are available");
    };

    Connection open() throws SQLException;
}
