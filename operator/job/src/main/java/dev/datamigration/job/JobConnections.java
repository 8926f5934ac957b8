package dev.datamigration.job;

import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.engine.ConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The source and target connections of a task, opened with the credentials read from their directories. */
final class JobConnections implements AutoCloseable {

    private final Connection source;
    private final Connection target;
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
