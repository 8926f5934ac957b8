package dev.datamigration.engine.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a source and a target dialect can do together beyond {@link BulkReader} and {@link BulkWriter}, when the
 * target stores values in the very encoding the source sends them: take unchanged fields from the source read into
 * the load as they are (nothing decoded, nothing encoded), hash every row as it is written, and hash the rows the
 * target then stores (all of them, or one key range at a time) the same way, so that verification reads only the
 * target. A pair offers it through {@link Dialect#fastPathTo(Dialect)}; PostgreSQL to PostgreSQL does (binary COPY
 * both ways), no other pair does today.
 * <p>
 * The engine asks for it once per pair and falls back to the plain path ({@link Dialect#openBulkWriter} fed by
 * {@link Dialect#openBulkReader}, verification reading both sides) wherever it is absent or answers that it cannot:
 * {@link #openLoad} empty, {@link Load#hashRowsTo} false, {@link #hashStored} -1.
 */
public interface FastPath {

    /**
     * Opens the load of {@code columns} into {@code table} (as the target's {@link Dialect#openBulkWriter} would,
     * inside the caller's transaction), or empty when these columns have no fast load; then the target's own writer
     * loads them.
     */
    Optional<Load> openLoad(Connection target, String table, List<PhysicalColumn> columns) throws SQLException;

    /**
     * Reads the target rows of {@code read} and hands each row's verification hash to {@code sink}: the hash that
     * {@link Load#hashRowsTo} computed for the row as it was written. Returns the rows, or -1 when these columns
     * cannot be hashed so (nothing is read then).
     */
    long hashStored(Connection target, TableRead read, RowHashSink sink) throws SQLException;

    /**
     * Opens {@code read} on {@code source} as a feed that encodes each row as a load of {@code columns} would
     * ({@link #openLoad}, fields passed as in {@link Load#feed}) and hands its verification hash to {@code sink},
     * writing nothing: the hash of the rows as written for rows a Sync left in place, verified against
     * {@link #hashStored} like a load's. Empty when these columns have no fast load or cannot be hashed so.
     */
    Optional<RowFeed> hashAsWritten(Connection source, TableRead read, List<PhysicalColumn> columns,
                                    int[] plainSources, RowHashSink sink) throws SQLException;

    /** A load that can hash its rows as written and be fed by source reads that pass fields as they are. */
    interface Load extends BulkWriter {

        /**
         * Hands the verification hash of every row written from now on (by every feed of this load) to
         * {@code sink}; false when this load cannot, and then nothing is hashed. Called before the first row.
         */
        boolean hashRowsTo(RowHashSink sink);

        /**
         * Opens {@code read} on {@code source} as a feed into this load. {@code plainSources[i]} is the source field
         * that target column i copies unchanged (no remap, no constant), or -1; the feed passes those whose bytes
         * already are what encoding the decoded value would produce ({@link RowFeed#passThrough()}).
         */
        RowFeed feed(Connection source, TableRead read, int[] plainSources) throws SQLException;

        /**
         * {@link #feed} into a part of this load of its own, for one of several threads loading at once: it encodes
         * in the calling thread, and {@link RowFeed#flush()} hands its rows to the load.
         */
        RowFeed feedPart(Connection source, TableRead read, int[] plainSources) throws SQLException;
    }
}
