package dev.datamigration.api.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the generated CRD into its committed shape. The fabric8 generator orders printer columns by JSON path;
 * {@code kubectl get dm} must show them in the contract order NAME, SOURCE, TARGET, PHASE, PROGRESS, ROWS, ELAPSED, DOWNTIME, AGE.
 */
public final class CrdLayout {

    /** Printer column names in the order kubectl shows them (NAME is implicit). */
    public static final List<String> PRINTER_COLUMNS =
            List.of("Source", "Target", "Phase", "Progress", "Rows", "Elapsed", "Downtime", "Age");

    private CrdLayout() {
    }

    /** Reorders every version's printer columns into the contract order, in place, and returns the CRD. */
    public static CustomResourceDefinition apply(CustomResourceDefinition crd) {
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
            if (columns != null) {
                columns.sort(Comparator.comparingInt(CrdLayout::rank));
            }
        }
        return crd;
    }

    private static int rank(CustomResourceColumnDefinition column) {
        int index = PRINTER_COLUMNS.indexOf(column.getName());
        return index < 0 ? PRINTER_COLUMNS.size() : index;
    }
}
