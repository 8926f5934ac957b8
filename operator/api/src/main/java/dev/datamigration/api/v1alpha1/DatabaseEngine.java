package dev.datamigration.api.v1alpha1;

/** Database engine of a factory or stage database. */
public enum DatabaseEngine {
    SqlServer,
    Oracle,
    PostgreSQL
}
