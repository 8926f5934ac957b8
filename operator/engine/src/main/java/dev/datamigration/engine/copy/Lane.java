package dev.datamigration.engine.copy;

import dev.datamigration.engine.Abandon;
import dev.datamigration.engine.ConnectionFactory;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.verify.EntityVerifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One source and one target connection with the loader, verifier and reference checks bound to them: an entity load
 * or verification (a step) runs on one lane at a time. A lane made of the copy's own connections is not closed here;
 * a lane opened from the connection factories is.
 * <p>
 * Reads see the app's read snapshot when the source dialect has one ({@link Dialect#beginReadSnapshot}): the copy's
 * own source connection holds it for the whole app, and an opened lane joins it at the start of every step. Without a
 * snapshot each step ends its read transaction.
 */
final class Lane implements AutoCloseable {

    /** Opens a further lane. */
    @FunctionalInterface
    interface Opener {
        Lane open() throws SQLException;
    }

    /** Builds the per-lane workers for a pair of connections. */
    interface Workers {
        EntityLoader loader(Connection source, Connection target);

        EntityVerifier verifier(Connection source, Connection target);

        ReferenceChecks checks(Connection source);
    }

    private final Connection source;
    private final Connection target;
    private final boolean owned;
    private final Dialect sourceDialect;
    private final String snapshot;
    final EntityLoader loader;
    final EntityVerifier verifier;
    final ReferenceChecks checks;

    private Lane(Connection source, Connection target, boolean owned, Workers workers, Dialect sourceDialect,
                 String snapshot) {
        this.source = source;
        this.target = target;
        this.owned = owned;
        this.sourceDialect = sourceDialect;
        this.snapshot = snapshot;
        this.loader = workers.loader(source, target);
        this.verifier = workers.verifier(source, target);
        this.checks = workers.checks(source);
    }

    /**
     * The copy's own connections (left open); {@code snapshot} is the id of the read snapshot {@code source} holds, or
     * null.
     */
    static Lane of(Connection source, Connection target, Workers workers, Dialect sourceDialect, String snapshot) {
        return new Lane(source, target, false, workers, sourceDialect, snapshot);
    }

    /**
     * Opens a lane of its own: one more source and one more target connection, autocommit off, its steps reading in
     * {@code snapshot} (or null).
     */
    static Lane open(ConnectionFactory sources, ConnectionFactory targets, Workers workers, Dialect sourceDialect,
                     String snapshot) throws SQLException {
        Connection source = sources.open();
        try {
            Connection target = targets.open();
            try {
                source.setAutoCommit(false);
                target.setAutoCommit(false);
                return new Lane(source, target, true, workers, sourceDialect, snapshot);
            } catch (SQLException | RuntimeException e) {
                target.close();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Before a step: an opened lane starts a read transaction in the app's snapshot. */
    void beginStep() throws SQLException {
        if (owned) {
            source.rollback();
            if (snapshot != null) {
                sourceDialect.importSnapshot(source, snapshot);
            }
        }
    }

    /** After a step: ends its read transaction, unless this lane holds the app's snapshot. */
    void endStep() throws SQLException {
        if (owned || snapshot == null) {
            source.rollback();
        }
    }

    /**
     * Closes an opened lane's connections, also while another thread is using them: that is how a failed copy stops
     * the loads still running (their transactions roll back on the server).
     */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        Abandon.all(List.of(source, target));
    }
}
