package dev.datamigration.platform;

/**
 * A platform call that failed. {@link #isTransient()} tells retryable failures (timeouts, 5xx, 429) from
 * permanent ones (401/403, unknown environment or app, bad request). Messages never hold credentials.
 */
public class PlatformException extends RuntimeException {

    private final boolean transientFailure;
    private final int status;

    public PlatformException(String message, int status, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.transientFailure = transientFailure;
    }

    public PlatformException(String message, int status, boolean transientFailure) {
        this(message, status, transientFailure, null);
    }

    /**
     * HTTP status, or 0 when no response arrived or the failure is not an HTTP one. An unknown environment, stage,
     * app or operation reports 404 even when found missing from a list, so {@link #isNotFound()} covers it.
     */
    public int status() {
        return status;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
