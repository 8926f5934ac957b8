package dev.datamigration.controller;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.controller.events.EventRecorder;
import dev.datamigration.controller.jobs.JobFactory;
import dev.datamigration.controller.metrics.MeteredPlatformClient;
import dev.datamigration.controller.metrics.MigrationMetrics;
import dev.datamigration.controller.platform.PlatformClientFactory;
import dev.datamigration.controller.platform.PlatformSession;
import dev.datamigration.controller.platform.SecretReader;
import dev.datamigration.controller.platform.TargetApps;
import dev.datamigration.controller.run.JobControl;
import dev.datamigration.controller.run.MigrationRun;
import dev.datamigration.controller.run.PlatformRetries;
import dev.datamigration.controller.run.RunLoop;
import dev.datamigration.controller.run.RunServices;
import dev.datamigration.controller.run.StatusWriter;
import dev.datamigration.controller.validation.EnvironmentValidator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JOSDK glue: watches DataMigrations, their Jobs and the progress ConfigMaps (label-selected: only objects
 * this operator manages), and hands each reconcile to the {@link RunLoop}. Deletion goes through {@link #cleanup}:
 * a running migration is stopped and its target apps redeployed before the finalizer goes.
 */
@ControllerConfiguration(name = DataMigrationReconciler.NAME, finalizerName = DataMigrationReconciler.FINALIZER)
public class DataMigrationReconciler implements Reconciler<DataMigration>, Cleaner<DataMigration> {

    public static final String NAME = "datamigration";
    public static final String FINALIZER = "datamigration.dev/finalizer";
    static final String MANAGED = Contracts.MANAGED_BY_LABEL + "=" + Contracts.MANAGED_BY;

    private final PlatformClientFactory platforms;
    private final Clock clock;
    private final OperatorSettings settings;
    private final MigrationMetrics metrics;
    private final JobFactory jobFactory;
    private final PlatformRetries retries = new PlatformRetries();

    public DataMigrationReconciler(PlatformClientFactory platforms, Clock clock, OperatorSettings settings,
            MigrationMetrics metrics) {
        this.platforms = platforms;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.jobFactory = new JobFactory(settings);
    }

    @Override
    public List<EventSource<?, DataMigration>> prepareEventSources(
            io.javaoperatorsdk.operator.api.reconciler.EventSourceContext<DataMigration> context) {
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, DataMigration.class)
                        .withLabelSelector(MANAGED)
                        .withSecondaryToPrimaryMapper(toMigration())
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, DataMigration.class)
                        .withLabelSelector(MANAGED)
                        .withSecondaryToPrimaryMapper(toMigration())
                        .build(), context));
    }

    /**
     * Jobs and task ConfigMaps carry an owner reference; progress ConfigMaps are written by the copier with the
     * Job's labels, so the migration label maps them (names are at most 63 characters, validation checks it).
     */
    static <R extends HasMetadata> SecondaryToPrimaryMapper<R> toMigration() {
        return resource -> {
            String namespace = resource.getMetadata().getNamespace();
            Optional<String> owner = resource.getMetadata().getOwnerReferences().stream()
                    .filter(reference -> "DataMigration".equals(reference.getKind()))
                    .map(OwnerReference::getName).findFirst();
            String name = owner.orElse(resource.getMetadata().getLabels() == null ? null
                    : resource.getMetadata().getLabels().get(Contracts.MIGRATION_LABEL));
            return name == null ? Set.of() : Set.of(new ResourceID(name, namespace));
        };
    }

    @Override
    public UpdateControl<DataMigration> reconcile(DataMigration migration, Context<DataMigration> context) {
        MigrationRun run = new MigrationRun(migration, clock.instant());
        Optional<Duration> recheck = RunLoop.reconcile(run, services(migration, context), false);
        metrics.phase(migration.getMetadata().getUid(), run.status().getPhase(), clock.instant());
        UpdateControl<DataMigration> control = UpdateControl.noUpdate();
        return recheck.map(control::rescheduleAfter).orElse(control);
    }

    @Override
    public DeleteControl cleanup(DataMigration migration, Context<DataMigration> context) {
        MigrationRun run = new MigrationRun(migration, clock.instant());
        Optional<Duration> recheck = RunLoop.reconcile(run, services(migration, context), true);
        if (run.status().getPhase() != null && run.status().getPhase().isTerminal()) {
            metrics.forget(migration.getMetadata().getUid());
            retries.forget(migration.getMetadata().getUid());
            return DeleteControl.defaultDelete();
        }
        metrics.phase(migration.getMetadata().getUid(), run.status().getPhase(), clock.instant());
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(recheck.orElse(settings.pollInterval()));
    }

    /** This reconcile's collaborators: clients built from the Secrets as they are now, the status writer. */
    private RunServices services(DataMigration migration, Context<DataMigration> context) {
        SecretReader secrets = new SecretReader(context.getClient());
        PlatformSession platform = new PlatformSession(migration, secrets,
                connection -> new MeteredPlatformClient(platforms.create(connection), metrics),
                TargetApps.reading(migration, context.getClient()));
        return new RunServices(new StatusWriter(migration, context),
                new JobControl(context, jobFactory, migration.getMetadata().getNamespace()), platform,
                new EnvironmentValidator(secrets), new EventRecorder(context.getClient(), clock), metrics, settings,
                retries);
    }
}
