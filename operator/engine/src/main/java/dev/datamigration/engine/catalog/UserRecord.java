package dev.datamigration.engine.catalog;

/** A row of OSSYS_USER as the user remap needs it. */
public record UserRecord(long id, long tenantId, String username) {
}
