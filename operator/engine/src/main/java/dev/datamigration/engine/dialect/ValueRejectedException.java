package dev.datamigration.engine.dialect;

/**
 * A value the target cannot store without changing it (a NUL character in PostgreSQL text). Thrown by a
 * {@link BulkWriter} with the column index; the caller adds the entity and the row key to the message.
 */
public class ValueRejectedException extends Exception {

    private final int column;

    public ValueRejectedException(int column, String reason) {
        super(reason);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
