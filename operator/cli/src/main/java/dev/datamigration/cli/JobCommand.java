package dev.datamigration.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;

/**
 * What the two commands a Job pod runs ({@code plan} and {@code copy}) share: the task options, where the
 * Kubernetes client for progress ConfigMaps comes from (the pod's environment, or a test's), and the output streams.
 */
abstract class JobCommand {

    @Mixin
    TaskOptions options = new TaskOptions();

    final Supplier<Optional<KubernetesClient>> kubernetes;
    final PrintStream out;
    final PrintStream err;

    JobCommand(Supplier<Optional<KubernetesClient>> kubernetes, PrintStream out, PrintStream err) {
        this.kubernetes = kubernetes;
        this.out = out;
        this.err = err;
    }
}
