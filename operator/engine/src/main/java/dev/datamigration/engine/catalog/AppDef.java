package dev.datamigration.engine.catalog;

import java.util.List;

/** An active application (OSSYS_APPLICATION) with the ids of its modules (OSSYS_ESPACE.ID). */
public record AppDef(int id, String name, String ssKey, List<Integer> moduleIds) {
}
