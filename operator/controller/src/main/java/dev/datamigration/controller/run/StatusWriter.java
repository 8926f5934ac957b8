package dev.datamigration.controller.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Writes the status of one DataMigration, the only object the operator changes on it. It remembers what it wrote
 * last and skips a write that would change nothing but the elapsed time (so an idle reconcile is no API call). A
 * write replaces the status subresource with the resource version as optimistic lock: when someone else wrote the
 * object in between (a {@code kubectl patch} of spec.cancel, the finalizer), JOSDK's {@link PrimaryUpdateAndCacheUtils}
 * waits for the newer version in its cache and writes again on top of it (the operator owns the whole status, so
 * re-applying it is right), a bounded number of times. The written object goes into JOSDK's cache, so the next
 * reconcile sees it even before the informer does: that is what makes an intent written before a platform call
 * visible to the reconcile after it.
 */
public final class StatusWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Context<DataMigration> context;
    private DataMigration current;
    private JsonNode written;

    public StatusWriter(DataMigration migration, Context<DataMigration> context) {
        this.context = context;
        this.current = migration;
        this.written = comparable(migration.getStatus() == null ? new DataMigrationStatus() : migration.getStatus());
    }

    /** Persists the run's status now, changed or not: called before every platform side effect. */
    void checkpoint(MigrationRun run) {
        write(run.compose());
    }

    /** Persists the run's status at the end of a reconcile, when it differs from the last write. */
    void finish(MigrationRun run) {
        DataMigrationStatus status = run.compose();
        if (!comparable(status).equals(written)) {
            write(status);
        }
    }

    private void write(DataMigrationStatus status) {
        DataMigrationStatus toWrite = JSON.convertValue(status, DataMigrationStatus.class);
        DataMigration base = context.getClient().getKubernetesSerialization().clone(current);
        current = PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(base, context, resource -> {
            resource.setStatus(toWrite);
            return resource;
        });
        written = comparable(toWrite);
    }

    /** The status as JSON without the elapsed time, which alone never justifies a write. */
    private static JsonNode comparable(DataMigrationStatus status) {
        ObjectNode tree = JSON.valueToTree(status);
        tree.remove("elapsed");
        return tree;
    }
}
