package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The wait of a Job created with {@link JobTask#getAwaitRelease() awaitRelease}: a catch-up Job that the operator
 * starts before it stops the source environment, so that the Job's start (pod, JVM, connections) is not part of the
 * source's downtime. The Job polls its task ConfigMap until the operator adds {@link Contracts#RELEASE_KEY} (after the
 * stop, when the app's wave may run); a Job restarted after its release finds the key at once. It gives up after
 * {@code limit}: an operator that never releases it (stopped, or the run failed and its cleanup did not reach the Job)
 * does not leave it holding database connections for ever.
 */
final class ReleaseWait {

    /** How long a Job waits for its release before it fails: longer than any environment stop. */
    static final Duration LIMIT = Duration.ofHours(6);
    /** Time between two reads of the task ConfigMap: what the release adds to the downtime at most. */
    static final Duration POLL = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final String namespace;
    private final String taskConfigMap;
    private final Clock clock;
    private final Duration limit;
    private final Duration poll;

    ReleaseWait(KubernetesClient client, String namespace, String taskConfigMap, Clock clock, Duration limit,
                Duration poll) {
        this.client = client;
        this.namespace = namespace;
        this.taskConfigMap = taskConfigMap;
        this.clock = clock;
        this.limit = limit;
        this.poll = poll;
    }

    /**
     * The wait of {@code task}'s Job; the task ConfigMap's name comes from its progress ConfigMap's (both
     * {@code <job>-...}). Refused (permanent) without the Kubernetes API or a progress ConfigMap: nothing could release
     * the Job.
     */
    static ReleaseWait of(JobTask task, Optional<KubernetesClient> client) {
        Optional<String> taskConfigMap = ConfigMapProgressSink.taskConfigMapOf(task.getProgressConfigMap());
        if (client.isEmpty() || taskConfigMap.isEmpty()) {
            throw new TaskException("the task awaits its release by the operator (awaitRelease), but this Job has no"
                    + " Kubernetes API or progress ConfigMap to receive it");
        }
        return new ReleaseWait(client.get(), task.getNamespace(), taskConfigMap.get(), Clock.systemUTC(), LIMIT,
                POLL);
    }

    /** A duration in its largest whole unit: "6 hours", "90 minutes", "1 second". */
    static String describe(Duration d) {
        long hours = d.toHours();
        long minutes = d.toMinutes();
        long seconds = d.toSeconds();
        if (hours > 0 && d.equals(Duration.ofHours(hours))) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        if (minutes > 0 && d.equals(Duration.ofMinutes(minutes))) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

    /** Returns the release time once the key is there; fails after the limit. */
    String await() throws InterruptedException {
        Instant giveUp = clock.instant().plus(limit);
        while (true) {
            ConfigMap task = client.configMaps().inNamespace(namespace).withName(taskConfigMap).get();
            String released = task == null || task.getData() == null ? null : task.getData().get(Contracts.RELEASE_KEY);
            if (released != null) {
                return released;
            }
            if (task == null) {
                throw new TaskException("the task ConfigMap " + taskConfigMap + " is gone: the run that created this"
                        + " Job ended");
            }
            if (!clock.instant().isBefore(giveUp)) {
                throw new TaskException("not released by the operator within " + describe(limit) + " (the source"
                        + " environment is stopped first): giving up");
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
