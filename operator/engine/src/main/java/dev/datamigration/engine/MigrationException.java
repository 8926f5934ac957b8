package dev.datamigration.engine;

/**
 * A failure the caller can act on: the message names the app, entity, attribute or row concerned and never holds
 * credentials. {@link #permanent()} tells a Job runner whether a retry can help (connection lost) or not (bad input,
 * model mismatch, verification mismatch).
 */
public class MigrationException extends RuntimeException {

    private final boolean permanent;

    public MigrationException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public MigrationException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** A failure that a rerun with the same input reproduces. */
    public static MigrationException permanent(String message) {
        return new MigrationException(message, true);
    }

    public boolean permanent() {
        return permanent;
    }
}
