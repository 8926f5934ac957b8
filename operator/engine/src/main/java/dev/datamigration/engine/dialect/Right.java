package dev.datamigration.engine.dialect;

/**
 * What the copy does to a table, for {@link Dialect#missingRights}: each engine says which of its privileges that
 * takes. The plan asks before anything is stopped or written, so that missing rights fail the run while both
 * environments are still untouched.
 */
public enum Right {
    /** Reads rows: the source tables, and the target tables that are verified, reseeded or checked. */
    SELECT,
    /** Loads rows. */
    INSERT,
    /** Sets reference columns (second passes, cleared cycle references). */
    UPDATE,
    /** Deletes every row (the Replace wipe, each entity's load, OSEVT event rows). */
    DELETE,
    /**
     * Loads the identifier's values as they are and moves the identity past them ({@link Dialect#reseedIdentity} and,
     * on SQL Server, the keep-identity bulk load).
     */
    IDENTITY
}
