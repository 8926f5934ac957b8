package dev.datamigration.job;

/** Bad input to a plan or copy command (task file, flags, credentials): permanent, exit code 2. */
public class TaskException extends RuntimeException {

    public TaskException(String message) {
        super(message);
    }

    public TaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
