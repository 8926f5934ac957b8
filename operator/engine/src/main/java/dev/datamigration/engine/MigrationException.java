package dev.datamigration.engine;

/**
 * A failure the caller can act on: the message names the app, entity, attribute or row concerned and never holds
 * credentials. {@link #permanent()} tells a Job runner that a retry cannot help (bad input, model mismatch,
 * verification mismatch); not permanent means "not known to be": {@link FailureClassifier} then lets the cause, if
 * any, decide.
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
