package dev.datamigration.api.v1alpha1;

/** How the copier loads a SQL Server target ({@code spec.copier.sqlServerLoad}); other targets have one load path. */
public enum SqlServerLoad {
    /** SQLServerBulkCopy (keep identity, keep nulls, constraints checked): the fastest. */
    BulkCopy,
    /**
     * Batched parameterized INSERTs with SET IDENTITY_INSERT: slower; for a server whose bulk load does not convert
     * every type faithfully (Babelfish: datetime and uniqueidentifier). Verification catches such a load either way.
     */
    BatchInsert
}
