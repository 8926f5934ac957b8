package dev.datamigration.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A declarative copy of OutSystems application data from a source environment to a target environment or stage.
 * The contract is described in docs/user-guide.md; changing it is a deliberate act.
 */
@Group(DataMigration.GROUP)
@Version(DataMigration.VERSION)
@Kind("DataMigration")
@Plural("datamigrations")
@Singular("datamigration")
@ShortNames("dm")
@Categories("migrations")
@AdditionalPrinterColumn(name = "Source", jsonPath = ".spec.source.environment", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.target.environment", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Rows", jsonPath = ".status.rows.copied", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Elapsed", jsonPath = ".status.elapsed", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Downtime", jsonPath = ".status.source.downtime", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataMigration extends CustomResource<DataMigrationSpec, DataMigrationStatus> implements Namespaced {

    public static final String GROUP = "datamigration.dev";
    public static final String VERSION = "v1alpha1";
}
