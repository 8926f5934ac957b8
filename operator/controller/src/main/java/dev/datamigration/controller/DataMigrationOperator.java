package dev.datamigration.controller;

import dev.datamigration.controller.metrics.MigrationMetrics;
import dev.datamigration.controller.platform.HttpPlatformClientFactory;
import dev.datamigration.controller.platform.PlatformClientFactory;
import dev.datamigration.platform.http.HttpSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Builds and runs the JOSDK operator with the DataMigration controller. Status and finalizers are written with
 * JSON patches / updates rather than server-side apply: the operator is the one writer of the status and a stale
 * write must fail on the resource version (see docs/architecture.md, "Server-side apply").
 */
public final class DataMigrationOperator implements AutoCloseable {

    private final Operator operator;

    /**
     * @param namespaces namespaces to watch; empty = all namespaces
     * @param leaderElection lease to hold before reconciling (in-cluster with several replicas), or empty
     */
    public DataMigrationOperator(KubernetesClient client, Set<String> namespaces, OperatorSettings settings,
            PlatformClientFactory platforms, Clock clock, MeterRegistry registry,
            Optional<LeaderElectionConfiguration> leaderElection) {
        this(client, namespaces, settings, platforms, clock, new MigrationMetrics(registry), leaderElection);
    }

    /** With the real platform clients (LifeTime v2, ODC) whose HTTP attempts are counted in {@code metrics}. */
    public static DataMigrationOperator withHttpPlatforms(KubernetesClient client, Set<String> namespaces,
            OperatorSettings settings, HttpSettings http, MeterRegistry registry,
            Optional<LeaderElectionConfiguration> leaderElection) {
        MigrationMetrics metrics = new MigrationMetrics(registry);
        return new DataMigrationOperator(client, namespaces, settings,
                new HttpPlatformClientFactory(http, metrics.platformRequests()), Clock.systemUTC(), metrics,
                leaderElection);
    }

    private DataMigrationOperator(KubernetesClient client, Set<String> namespaces, OperatorSettings settings,
            PlatformClientFactory platforms, Clock clock, MigrationMetrics metrics,
            Optional<LeaderElectionConfiguration> leaderElection) {
        MeterRegistry registry = metrics.registry();
        this.operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
            leaderElection.ifPresent(overrider::withLeaderElectionConfiguration);
        });
        operator.register(new DataMigrationReconciler(platforms, clock, settings, metrics), configuration -> {
            if (!namespaces.isEmpty()) {
                configuration.settingNamespaces(namespaces);
            }
        });
    }

    public void start() {
        operator.start();
    }

    /** The operator has started (liveness). */
    public boolean isStarted() {
        return operator.getRuntimeInfo().isStarted();
    }

    /** Null when every informer is healthy, else which are not (readiness). */
    public String notReadyReason() {
        if (!operator.getRuntimeInfo().isStarted()) {
            return "operator not started";
        }
        if (!operator.getRuntimeInfo().allEventSourcesAreHealthy()) {
            return "unhealthy event sources: " + operator.getRuntimeInfo().unhealthyEventSources().keySet();
        }
        return null;
    }

    @Override
    public void close() {
        operator.stop();
    }
}
