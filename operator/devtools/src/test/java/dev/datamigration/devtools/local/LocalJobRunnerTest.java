package dev.datamigration.devtools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.datamigration.api.task.Contracts;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Job runner must behave like the Job controller and kubelet: the launcher here runs the container's
 * arguments as a shell script, so each test states exactly what the "pod" does.
 */
class LocalJobRunnerTest {

    private static LocalApiServer server;
    private LocalJobRunner runner;
    @TempDir
    Path workDir;

    @BeforeAll
    static void start() {
        server = LocalApiServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void startRunner() {
        CopierLauncher shell = (args, env, dir, log) -> {
            ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", args.get(0))).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return builder.start();
        };
        runner = new LocalJobRunner(server.client(), workDir, shell).start();
    }

    @AfterEach
    void stopRunner() {
        runner.close();
    }

    private Job job(String name, String script, int backoffLimit) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .addToLabels(Contracts.MANAGED_BY_LABEL, Contracts.MANAGED_BY).endMetadata()
                .withNewSpec().withBackoffLimit(backoffLimit)
                .withNewPodFailurePolicy().addNewRule().withAction("FailJob")
                .withNewOnExitCodes().withOperator("In").withValues(2).endOnExitCodes().endRule()
                .endPodFailurePolicy()
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("copy").withArgs(script)
                .addNewVolumeMount().withName("task").withMountPath("/etc/datamigration/task").endVolumeMount()
                .addNewVolumeMount().withName("source").withMountPath("/etc/datamigration/secrets/source")
                .endVolumeMount()
                .endContainer()
                .addNewVolume().withName("task").withNewConfigMap().withName(name + "-task").endConfigMap()
                .endVolume()
                .addNewVolume().withName("source").withNewSecret().withSecretName("db").endSecret().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    private Job runToEnd(Job job) {
        server.client().configMaps().inNamespace("ns").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(job.getMetadata().getName() + "-task").endMetadata()
                .addToData("task.json", "{\"credentialsDir\":\"/etc/datamigration/secrets/source\"}").build())
                .createOr(r -> r.update());
        server.client().secrets().inNamespace("ns").resource(new SecretBuilder().withNewMetadata().withName("db")
                .endMetadata().addToData("password", Base64.getEncoder().encodeToString(
                        "s3cret".getBytes(StandardCharsets.UTF_8))).build()).createOr(r -> r.update());
        server.client().resource(job).create();
        String name = job.getMetadata().getName();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Job current = server.client().batch().v1().jobs().inNamespace("ns").withName(name).get();
            return current.getStatus() != null && current.getStatus().getConditions() != null
                    && !current.getStatus().getConditions().isEmpty();
        });
        return server.client().batch().v1().jobs().inNamespace("ns").withName(name).get();
    }

    private static JobCondition onlyCondition(Job job) {
        assertThat(job.getStatus().getConditions()).hasSize(1);
        return job.getStatus().getConditions().get(0);
    }

    @Test
    void aSuccessfulPodCompletesTheJobWithItsVolumesMountedAndPathsRewritten() throws Exception {
        Job done = runToEnd(job("ok", "cat /etc/datamigration/task/task.json > seen.txt; "
                + "cat /etc/datamigration/secrets/source/password >> seen.txt", 1));
        JobCondition condition = onlyCondition(done);
        assertThat(condition.getType()).isEqualTo("Complete");
        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(done.getStatus().getFailed()).isNull();
        Path attempt = workDir.resolve("ns/ok/attempt-0");
        String seen = Files.readString(attempt.resolve("seen.txt"));
        assertThat(seen).startsWith("{\"credentialsDir\":\"" + attempt.toAbsolutePath()).endsWith("s3cret");
        assertThat(seen).doesNotContain("/etc/datamigration");
    }

    @Test
    void exitCodeTwoFailsTheJobAtOnceThroughThePodFailurePolicy() {
        Job failed = runToEnd(job("permanent", "exit 2", 3));
        JobCondition condition = onlyCondition(failed);
        assertThat(condition.getType()).isEqualTo("Failed");
        assertThat(condition.getReason()).isEqualTo("PodFailurePolicy");
        assertThat(condition.getMessage())
                .isEqualTo("Container copy for pod ns/permanent-0 failed with exit code 2 matching FailJob rule at index 0");
        assertThat(failed.getStatus().getFailed()).isEqualTo(1);
    }

    @Test
    void aTransientFailureIsRetriedUntilTheBackoffLimit() {
        Job failed = runToEnd(job("flaky", "exit 1", 1));
        JobCondition condition = onlyCondition(failed);
        assertThat(condition.getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(failed.getStatus().getFailed()).isEqualTo(2);
        assertThat(workDir.resolve("ns/flaky/attempt-1")).isDirectory();
        assertThat(workDir.resolve("ns/flaky/attempt-2")).doesNotExist();
    }

    @Test
    void aRetryThatSucceedsCompletesTheJob() {
        Job done = runToEnd(job("second-time", "test -f ../attempt-0/pod.log -a -d ../attempt-1 || exit 1", 2));
        assertThat(onlyCondition(done).getType()).isEqualTo("Complete");
        assertThat(done.getStatus().getFailed()).isEqualTo(1);
        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
    }

    @Test
    void aKilledPodIsRetried() {
        Job job = job("killed", "test -d ../attempt-1 && exit 0; touch started; sleep 30", 2);
        List<Boolean> killed = new ArrayList<>();
        new Thread(() -> {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.exists(workDir.resolve("ns/killed/attempt-0/started")));
            killed.add(runner.kill("ns", "killed"));
        }).start();
        Job done = runToEnd(job);
        assertThat(killed).containsExactly(true);
        assertThat(onlyCondition(done).getType()).isEqualTo("Complete");
        assertThat(done.getStatus().getFailed()).isEqualTo(1);
    }

    @Test
    void aPodsVolumesAreRemovedWhenItEndsAndEachRetryMountsItsOwn() throws Exception {
        Job done = runToEnd(job("retried", "cat /etc/datamigration/secrets/source/password > seen.txt; "
                + "test -d ../attempt-1 || exit 1", 2));

        assertThat(onlyCondition(done).getType()).isEqualTo("Complete");
        Path first = workDir.resolve("ns/retried/attempt-0");
        Path second = workDir.resolve("ns/retried/attempt-1");
        // the failed pod and its retry each read the Secret from their own volume while they ran
        assertThat(first.resolve("seen.txt")).hasContent("s3cret");
        assertThat(second.resolve("seen.txt")).hasContent("s3cret");
        assertThat(first.resolve("pod.log")).exists();
        assertThat(volumesLeft()).isEmpty();
    }

    @Test
    void closingTheRunnerWhileAPodRunsKillsItAndRemovesItsVolumes() throws Exception {
        Job job = job("long", "touch started; sleep 60", 0);
        server.client().configMaps().inNamespace("ns").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("long-task").endMetadata().addToData("task.json", "{}").build()).createOr(r -> r.update());
        server.client().secrets().inNamespace("ns").resource(new SecretBuilder().withNewMetadata().withName("db")
                .endMetadata().addToStringData("password", "s3cret").build()).createOr(r -> r.update());
        server.client().resource(job).create();
        Path attempt = workDir.resolve("ns/long/attempt-0");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(attempt.resolve("started")));
        assertThat(volumesLeft()).hasSize(2);
        List<ProcessHandle> pods = ProcessHandle.current().children().filter(p -> p.info().commandLine()
                .map(c -> c.contains("sleep 60")).orElse(false)).toList();
        assertThat(pods).hasSize(1);

        runner.close();

        assertThat(volumesLeft()).isEmpty();
        assertThat(pods.get(0).isAlive()).isFalse();
        assertThat(attempt.resolve("started")).exists();
    }

    @Test
    void volumesLeftByAnEarlierRunThatCouldNotCleanUpAreRemovedAtStart() throws Exception {
        Path attempt = workDir.resolve("ns/killed-run/attempt-3");
        Files.createDirectories(attempt.resolve("mount-1-source"));
        Files.writeString(attempt.resolve("mount-1-source/password"), "s3cret");
        Files.writeString(attempt.resolve("pod.log"), "copied Orders\n");
        runner.close();

        runner = new LocalJobRunner(server.client(), workDir, (args, env, dir, log) -> {
            throw new AssertionError("no Job to run");
        }).start();

        assertThat(volumesLeft()).isEmpty();
        assertThat(attempt.resolve("pod.log")).hasContent("copied Orders");
    }

    @Test
    void aVolumeThatCannotBeProvidedLeavesNoneOfTheOthersBehind() throws Exception {
        server.client().secrets().inNamespace("ns").resource(new SecretBuilder().withNewMetadata().withName("db")
                .endMetadata().addToStringData("password", "s3cret").build()).createOr(r -> r.update());
        Job job = new JobBuilder(job("half", "true", 0)).editSpec().editTemplate().editSpec()
                .editFirstContainer().addNewVolumeMount().withName("target")
                .withMountPath("/etc/datamigration/secrets/target").endVolumeMount().endContainer()
                .addNewVolume().withName("target").withNewSecret().withSecretName("absent").endSecret().endVolume()
                .endSpec().endTemplate().endSpec().build();
        server.client().configMaps().inNamespace("ns").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("half-task").endMetadata().addToData("task.json", "{}").build()).createOr(r -> r.update());
        Path attempt = workDir.resolve("ns/half/attempt-0");

        assertThatThrownBy(() -> JobWorkspace.materialize(server.client(), job, attempt))
                .isInstanceOf(JobWorkspace.MountException.class).hasMessage("secret \"absent\" not found");
        assertThat(volumesLeft()).isEmpty();
    }

    /** Volume directories (and so Secret files) anywhere under the work directory. */
    private List<Path> volumesLeft() throws java.io.IOException {
        try (var paths = Files.walk(workDir)) {
            return paths.filter(p -> p.getFileName().toString().startsWith("mount-")).toList();
        }
    }
}
