package dev.datamigration.engine.catalog;

/** A row of OSSYS_ENTITY_RECORD: the record key and the identifier value (DATA_ID) of its physical row. */
public record StaticRecord(EntityKey entity, String recordKey, String name, String dataId, boolean active) {
}
