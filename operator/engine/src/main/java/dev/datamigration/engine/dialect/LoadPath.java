package dev.datamigration.engine.dialect;

/**
 * Which way a target with more than one load path is written (the contract's {@code spec.copier.sqlServerLoad}).
 * Only SQL Server has two; the other dialects have one and ignore this.
 */
public enum LoadPath {
    /** The engine's bulk API: SQL Server's {@code SQLServerBulkCopy} (the fastest; the default). */
    BULK_COPY,
    /** Batched parameterized INSERTs ({@code SET IDENTITY_INSERT} for ids): slower, and every value goes as a typed
     * parameter, so it is what to use where the server's bulk load does not convert values faithfully. */
    BATCH_INSERT
}
