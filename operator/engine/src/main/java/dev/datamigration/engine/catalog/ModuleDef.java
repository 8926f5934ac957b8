package dev.datamigration.engine.catalog;

/** A row of OSSYS_ESPACE: a module. */
public record ModuleDef(int id, String name, String ssKey, boolean active, boolean system) {
}
