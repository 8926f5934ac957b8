package dev.datamigration.devtools.demo;

import dev.datamigration.api.v1alpha1.Phase;
import java.util.List;

/**
 * A migration as the demo shows it at one moment.
 *
 * @param name          the DataMigration's name
 * @param source        source environment name
 * @param target        target environment name
 * @param phase         current phase (Pending before the operator has written a status)
 * @param apps          one entry per application, in the status' order
 * @param rowsCopied    rows written so far
 * @param rowsEstimated rows the plan expects, or null before planning
 * @param elapsed       the status' run time (e.g. 1m02s), or null
 * @param message       the status' message, or null
 */
public record MigrationSnapshot(String name, String source, String target, Phase phase, List<AppSnapshot> apps,
        long rowsCopied, Long rowsEstimated, String elapsed, String message) {

    public MigrationSnapshot {
        apps = List.copyOf(apps);
    }
}
