package dev.datamigration.engine.dialect;

/**
 * A privilege the connection's user lacks, named as the engine grants it: {@code privilege} on the table itself when
 * {@code object} is null, else on that object (e.g. {@code UPDATE} on {@code sequence public."t_ID_seq"}).
 */
public record MissingRight(String privilege, String object) {

    /** A privilege on the table itself. */
    public static MissingRight onTable(String privilege) {
        return new MissingRight(privilege, null);
    }
}
