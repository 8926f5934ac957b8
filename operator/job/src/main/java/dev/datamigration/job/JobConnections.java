package dev.datamigration.job;

import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.engine.ConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The source and target connections of a task, opened with the credentials read from their directories. */
final class JobConnections implements AutoCloseable {

    /** Seconds a connection has to answer {@link #reconnectLost}'s check. */
    private static final int VALID_TIMEOUT_SECONDS = 10;

    private Connection source;
    private Connection target;
    private final ConnectionFactory sourceConnections;
    private final ConnectionFactory targetConnections;

    private JobConnections(Connection source, Connection target, ConnectionFactory sourceConnections,
                           ConnectionFactory targetConnections) {
        this.source = source;
        this.target = target;
        this.sourceConnections = sourceConnections;
        this.targetConnections = targetConnections;
    }

    /** Reads both credentials first (a bad file fails before any connection), then connects. */
    public static JobConnections open(JobTask task) throws SQLException {
        DbCredentials sourceCredentials = DbCredentials.read("source", task.getSource().getCredentialsDir());
        DbCredentials targetCredentials = DbCredentials.read("target", task.getTarget().getCredentialsDir());
        Connection source = connect(task.getSource(), sourceCredentials);
        try {
            return new JobConnections(source, connect(task.getTarget(), targetCredentials),
                    () -> connect(task.getSource(), sourceCredentials),
                    () -> connect(task.getTarget(), targetCredentials));
        } catch (SQLException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static Connection connect(DatabaseEndpoint endpoint, DbCredentials credentials) throws SQLException {
        var props = credentials.jdbcProperties();
        props.setProperty("ApplicationName", "datamigration");
        return DriverManager.getConnection(endpoint.getUrl(), props);
    }

    /**
     * Replaces a connection that no longer answers ({@link Connection#isValid}): after a long idle wait (a catch-up
     * Job waits while the platform stops the source environment) the server may have ended it (PostgreSQL's
     * {@code idle_session_timeout}, a failover) or a firewall dropped it. Returns the sides connected again,
     * "source" and/or "target"; a side that cannot connect again fails like a first connection.
     */
    public List<String> reconnectLost() throws SQLException {
        List<String> reconnected = new ArrayList<>();
        if (!source.isValid(VALID_TIMEOUT_SECONDS)) {
            closeQuietly(source);
            source = sourceConnections.open();
            reconnected.add("source");
        }
        if (!target.isValid(VALID_TIMEOUT_SECONDS)) {
            closeQuietly(target);
            target = targetConnections.open();
            reconnected.add("target");
        }
        return reconnected;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // already ended by the server: nothing left to release
        }
    }

    public Connection source() {
        return source;
    }

    public Connection target() {
        return target;
    }

    /**
     * Opens further source connections with the same endpoint and credentials (parallel streams, concurrent
     * entities); the engine closes what it opens.
     */
    public ConnectionFactory sourceConnections() {
        return sourceConnections;
    }

    /** Opens further target connections with the same endpoint and credentials (concurrent entities). */
    public ConnectionFactory targetConnections() {
        return targetConnections;
    }

    @Override
    public void close() throws SQLException {
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
