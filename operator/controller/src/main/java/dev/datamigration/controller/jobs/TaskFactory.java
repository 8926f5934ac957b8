package dev.datamigration.controller.jobs;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.OdcPlatformEndpoint;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.api.v1alpha1.CopierLimits;
import dev.datamigration.api.v1alpha1.CopierSpec;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DatabaseSpec;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.SqlServerLoad;
import dev.datamigration.api.v1alpha1.UserMatch;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.platform.PlatformEndpoints;
import java.util.List;
import java.util.Optional;

/**
 * Builds the task.json of a plan or copy Job from the DataMigration. A task names only the directories where the
 * credentials Secrets are mounted, never a credential.
 */
public final class TaskFactory {

    private TaskFactory() {
    }

    /** The plan task: every app of the spec ("*" stays "*": the plan resolves it). */
    public static JobTask plan(DataMigration migration, String job) {
        JobTask task = common(migration, job, TaskKind.Plan);
        task.setApps(List.copyOf(migration.getSpec().getApps()));
        return task;
    }

    /** The copy task of one app; {@code scope} is every app of the run as the plan resolved it. */
    public static JobTask copy(DataMigration migration, String job, String app, List<String> scope) {
        JobTask task = common(migration, job, TaskKind.Copy);
        task.setApp(app);
        task.setApps(List.copyOf(scope));
        return task;
    }

    /**
     * The catch-up task of one app (source.downtime StopAfterCopy): the copy task with existingData Sync, so only
     * what changed since the bulk pass is rewritten; its Job is created before the source environment stops and waits
     * for its release ({@code awaitRelease}).
     */
    public static JobTask catchUp(DataMigration migration, String job, String app, List<String> scope) {
        JobTask task = copy(migration, job, app, scope);
        task.setExistingData(ExistingData.Sync);
        task.setAwaitRelease(true);
        return task;
    }

    private static JobTask common(DataMigration migration, String job, TaskKind kind) {
        DataMigrationSpec spec = migration.getSpec();
        JobTask task = new JobTask();
        task.setKind(kind);
        task.setMigration(migration.getMetadata().getName());
        task.setNamespace(migration.getMetadata().getNamespace());
        task.setSource(endpoint(spec.getSource().getPlatform(), spec.getSource().getEnvironment(),
                spec.getSource().getDatabase(), Contracts.SOURCE_CREDENTIALS_DIR));
        task.setTarget(endpoint(spec.getTarget().getPlatform(), spec.getTarget().getEnvironment(),
                spec.getTarget().getDatabase(), Contracts.TARGET_CREDENTIALS_DIR));
        task.setExistingData(spec.getExistingData());
        task.setIdentity(spec.getIdentity());
        task.setUsers(spec.getUsers() == null ? new UsersSpec() : spec.getUsers());
        if (masks(spec)) {
            // Every rule goes to every task: a rule may name any app or "*", and the copy plans the whole scope.
            task.setMasking(List.copyOf(spec.getMasking()));
            task.setMaskingKeyDir(Contracts.MASKING_KEY_DIR);
        }
        if (odcMapped(spec)) {
            task.setOdcMappingDir(Contracts.ODC_MAPPING_DIR);
        }
        CopierSpec copier = spec.getCopier();
        task.setBatchSize(copier == null || copier.getBatchSize() == null ? CopierLimits.BATCH_SIZE_DEFAULT
                : copier.getBatchSize());
        task.setStreams(copier == null || copier.getStreams() == null ? CopierLimits.STREAMS_DEFAULT
                : copier.getStreams());
        task.setConcurrentEntities(copier == null || copier.getConcurrentEntities() == null
                ? CopierLimits.CONCURRENT_ENTITIES_DEFAULT : copier.getConcurrentEntities());
        task.setSqlServerLoad(copier == null || copier.getSqlServerLoad() == null ? SqlServerLoad.BulkCopy
                : copier.getSqlServerLoad());
        task.setProgressConfigMap(ResourceNames.progressConfigMap(job));
        odcPlatform(spec).ifPresent(odc -> {
            OdcPlatformEndpoint endpoint = new OdcPlatformEndpoint();
            endpoint.setPortalUrl(odc.url());
            endpoint.setCredentialsDir(Contracts.ODC_PLATFORM_CREDENTIALS_DIR);
            endpoint.setUsersConfigMap(ResourceNames.usersConfigMap(migration.getMetadata().getName()));
            task.setOdcPlatform(endpoint);
        });
        return task;
    }

    /**
     * The ODC platform API the Jobs call when the target is ODC and end users are matched by e-mail (the Jobs then
     * mount its Secret); empty otherwise.
     */
    public static Optional<PlatformEndpoints.Endpoint> odcPlatform(DataMigrationSpec spec) {
        boolean odcUsers = spec.getTarget() != null && spec.getTarget().getPlatform() == Platform.ODC
                && spec.getUsers() != null && spec.getUsers().getMatch() == UserMatch.Email;
        return odcUsers ? PlatformEndpoints.endpoint(spec, PlatformEndpoints.Side.target)
                .filter(e -> e.url() != null && e.credentialsSecret() != null) : Optional.empty();
    }

    private static DatabaseEndpoint endpoint(Platform platform, String environment, DatabaseSpec database,
            String credentialsDir) {
        DatabaseEndpoint endpoint = new DatabaseEndpoint();
        endpoint.setPlatform(platform);
        endpoint.setEnvironment(environment);
        endpoint.setEngine(database.getEngine());
        endpoint.setUrl(database.getUrl());
        endpoint.setCredentialsDir(credentialsDir);
        return endpoint;
    }

    /** Whether the migration masks attributes (and so its Jobs mount the masking key). */
    public static boolean masks(DataMigrationSpec spec) {
        return spec.getMasking() != null && !spec.getMasking().isEmpty();
    }

    /** Whether the target is an ODC stage with a mapping ConfigMap (and so its Jobs mount it). */
    public static boolean odcMapped(DataMigrationSpec spec) {
        return spec.getTarget() != null && spec.getTarget().getPlatform() == Platform.ODC
                && spec.getTarget().getMapping() != null && spec.getTarget().getMapping().getConfigMap() != null;
    }
}
