package dev.datamigration.cli;

import dev.datamigration.controller.DataMigrationOperator;
import dev.datamigration.controller.OperatorSettings;
import dev.datamigration.controller.metrics.OperatorHttpServer;
import dev.datamigration.platform.http.HttpSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code datamigration operator}: the in-cluster operator. Watches DataMigrations in the namespaces of
 * {@code WATCH_NAMESPACES} (all when empty), holds a Lease before reconciling when leader election is on, and serves
 * {@code /metrics}, {@code /healthz} and {@code /readyz} on the metrics port. Every option also reads an environment
 * variable, so the Helm chart sets them through the Deployment's env.
 */
@Command(name = "operator",
        mixinStandardHelpOptions = true,
        description = "Run the DataMigration operator (in-cluster; uses the pod's service account or ~/.kube/config).")
public final class OperatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--watch-namespaces", defaultValue = "${env:WATCH_NAMESPACES:-}", paramLabel = "NS[,NS...]",
            description = "Namespaces to watch, comma separated; empty = all (env WATCH_NAMESPACES).")
    String watchNamespaces;

    @Option(names = "--copier-image", defaultValue = "${env:COPIER_IMAGE:-}", paramLabel = "IMAGE",
            description = "Image of the plan and copy Jobs unless spec.copier.image says otherwise; normally the "
                    + "operator's own image (env COPIER_IMAGE).")
    String copierImage;

    @Option(names = "--copier-service-account",
            defaultValue = "${env:COPIER_SERVICE_ACCOUNT:-" + OperatorSettings.DEFAULT_SERVICE_ACCOUNT + "}",
            paramLabel = "NAME", description = "Service account of the Job pods (env COPIER_SERVICE_ACCOUNT).")
    String copierServiceAccount;

    @Option(names = "--copier-user", defaultValue = "${env:COPIER_USER:-" + OperatorSettings.DEFAULT_USER + "}",
            paramLabel = "UID", description = "Numeric non-root user of the Job pods (env COPIER_USER).")
    long copierUser;

    @Option(names = "--metrics-port", defaultValue = "${env:METRICS_PORT:-8080}", paramLabel = "PORT",
            description = "Port of /metrics, /healthz and /readyz (env METRICS_PORT).")
    int metricsPort;

    @Option(names = "--leader-election", arity = "1", defaultValue = "${env:LEADER_ELECTION:-true}",
            paramLabel = "true|false",
            description = "Hold a Lease before reconciling, for several replicas (env LEADER_ELECTION).")
    boolean leaderElection;

    @Option(names = "--lease-name", defaultValue = "${env:LEASE_NAME:-datamigration-operator}", paramLabel = "NAME",
            description = "Name of the leader-election Lease (env LEASE_NAME).")
    String leaseName;

    @Option(names = "--lease-namespace", defaultValue = "${env:LEASE_NAMESPACE:-${env:POD_NAMESPACE:-}}",
            paramLabel = "NS", description = "Namespace of the Lease; default the operator's own (env LEASE_NAMESPACE,"
                    + " POD_NAMESPACE).")
    String leaseNamespace;

    @Option(names = "--identity", defaultValue = "${env:POD_NAME:-}", paramLabel = "NAME",
            description = "Leader-election identity (env POD_NAME).")
    String identity;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            err.println(problem.get());
            return 2;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KubernetesClient client = new KubernetesClientBuilder().build();
        DataMigrationOperator operator = DataMigrationOperator.withHttpPlatforms(client, namespaces(), settings(),
                HttpSettings.defaults(), registry, leaderElectionConfiguration());
        OperatorHttpServer http;
        try {
            http = new OperatorHttpServer(metricsPort, registry, operator::isStarted, operator::notReadyReason);
        } catch (IOException e) {
            err.println("cannot serve metrics on port " + metricsPort + ": " + e.getMessage());
            client.close();
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.close();
            http.close();
            client.close();
            stopped.countDown();
        }, "operator-shutdown"));
        operator.start();
        spec.commandLine().getOut().println("datamigration operator started; namespaces "
                + (namespaces().isEmpty() ? "all" : namespaces()) + ", metrics on :" + http.port());
        spec.commandLine().getOut().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** A configuration mistake, said plainly, or empty. */
    Optional<String> problem() {
        if (copierImage == null || copierImage.isBlank()) {
            return Optional.of("--copier-image (or env COPIER_IMAGE) is required: the image of the plan and copy Jobs");
        }
        if (metricsPort < 0 || metricsPort > 65_535) {
            return Optional.of("--metrics-port must be between 0 and 65535, was " + metricsPort);
        }
        if (copierUser <= 0) {
            return Optional.of("--copier-user must be a non-root numeric user id, was " + copierUser);
        }
        if (leaderElection && (identity == null || identity.isBlank())) {
            return Optional.of("leader election needs an identity: set --identity or env POD_NAME "
                    + "(or --leader-election=false)");
        }
        return Optional.empty();
    }

    /** The watched namespaces; empty = all. */
    Set<String> namespaces() {
        Set<String> namespaces = new LinkedHashSet<>();
        Arrays.stream(watchNamespaces == null ? new String[0] : watchNamespaces.split(","))
                .map(String::strip).filter(ns -> !ns.isEmpty()).forEach(namespaces::add);
        return namespaces;
    }

    OperatorSettings settings() {
        OperatorSettings defaults = OperatorSettings.defaults(copierImage);
        return new OperatorSettings(copierImage, copierServiceAccount, copierUser, defaults.pollInterval(),
                defaults.platformRetryBase(), defaults.platformRetryMax(), defaults.platformAttempts());
    }

    Optional<LeaderElectionConfiguration> leaderElectionConfiguration() {
        if (!leaderElection) {
            return Optional.empty();
        }
        String namespace = leaseNamespace == null || leaseNamespace.isBlank() ? null : leaseNamespace;
        return Optional.of(new LeaderElectionConfiguration(leaseName, namespace, identity));
    }
}
