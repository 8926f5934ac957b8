package dev.datamigration.devtools.local;

import dev.datamigration.api.task.Contracts;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the Job controller and the kubelet for local mode: every Job the operator creates is run as a real
 * copier process (the same {@code copy}/{@code plan} command a pod runs), retried after a transient failure up
 * to {@code backoffLimit}, failed at once on a {@code podFailurePolicy} FailJob exit code, stopped at
 * {@code activeDeadlineSeconds} or when the Job is deleted, and its outcome written into the Job's status with
 * the reasons and messages the real Job controller uses. As the kubelet, it removes a pod's volumes (Secret files
 * among them) when the pod ends; closing it, and the JVM's shutdown (Ctrl-C) while it runs, stop the copier
 * processes and remove every volume left in its work directory.
 */
public final class LocalJobRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);
    private static final int MOUNT_WAIT_SECONDS = 30;
    private static final String ATTEMPT_PREFIX = "attempt-";
    /** How long closing waits for the attempts to end (killed processes, interrupted waits) before it sweeps. */
    private static final int CLOSE_WAIT_SECONDS = 10;

    private final KubernetesClient client;
    private final Path workDir;
    private final CopierLauncher launcher;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-job");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> deleted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> started = new ConcurrentHashMap<>();
    private final Map<String, Path> failedLogs = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Set<JobWorkspace> mounted = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::close, "local-job-runner-cleanup");
    private SharedIndexInformer<Job> informer;
    /** Set once by {@link #close}; no process starts after it (guarded by this). */
    private boolean closed;
    /** Counted down when the first {@link #close} has removed the volumes. */
    private final java.util.concurrent.CountDownLatch cleanedUp = new java.util.concurrent.CountDownLatch(1);

    public LocalJobRunner(KubernetesClient client, Path workDir, CopierLauncher launcher) {
        this.client = client;
        this.workDir = workDir;
        this.launcher = launcher;
    }

    /**
     * Starts watching the Jobs the operator manages, in every namespace. Volumes that an earlier run left in the work
     * directory (one killed with SIGKILL cannot clean up) are removed first.
     */
    public LocalJobRunner start() {
        unmountAll();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        informer = client.batch().v1().jobs().inAnyNamespace()
                .withLabel(Contracts.MANAGED_BY_LABEL, Contracts.MANAGED_BY)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Job job) {
                        submit(job);
                    }

                    @Override
                    public void onUpdate(Job oldJob, Job newJob) {
                        submit(newJob);
                    }

                    @Override
                    public void onDelete(Job job, boolean unknownFinalState) {
                        String key = key(job);
                        deleted.put(key, true);
                        Process process = running.get(key);
                        if (process != null) {
                            process.destroy();
                        }
                    }
                });
        return this;
    }

    /** The log of the last failed attempt of each Job that had one, by namespace/name. */
    public Map<String, Path> failedAttemptLogs() {
        return Map.copyOf(failedLogs);
    }

    /** Kills the running pod of a Job, like a node that dies or an OOM kill: the attempt ends with exit 137. */
    public boolean kill(String namespace, String jobName) {
        Process process = running.get(namespace + "/" + jobName);
        if (process == null) {
            return false;
        }
        process.destroyForcibly();
        return true;
    }

    private void submit(Job job) {
        if (job.getStatus() != null && isFinished(job.getStatus())) {
            return;
        }
        if (started.putIfAbsent(key(job), true) == null) {
            executor.submit(() -> run(job));
        }
    }

    private void run(Job job) {
        String key = key(job);
        String namespace = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        int backoffLimit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
        Long deadlineSeconds = job.getSpec().getActiveDeadlineSeconds();
        Instant startTime = Instant.now();
        Instant deadline = deadlineSeconds == null ? null : startTime.plusSeconds(deadlineSeconds);
        int failed = 0;
        try {
            updateStatus(namespace, name, s -> {
                s.setStartTime(timestamp(startTime));
                s.setActive(1);
            });
            for (int attempt = 0; ; attempt++) {
                if (deleted.containsKey(key)) {
                    return;
                }
                Path dir = workDir.resolve(namespace).resolve(name).resolve(ATTEMPT_PREFIX + attempt);
                Files.createDirectories(dir);
                Outcome outcome = runAttempt(job, attempt, dir, deadline);
                if (deleted.containsKey(key)) {
                    return;
                }
                if (outcome.exitCode == 0) {
                    int failures = failed;
                    finish(namespace, name, s -> {
                        s.setSucceeded(1);
                        s.setFailed(failures == 0 ? null : failures);
                    }, condition("Complete", null, null));
                    return;
                }
                failed++;
                failedLogs.put(key, dir.resolve("pod.log"));
                int failures = failed;
                if (outcome.deadlineExceeded) {
                    finish(namespace, name, s -> s.setFailed(failures), condition("Failed", "DeadlineExceeded",
                            "Job was active longer than specified deadline"));
                    return;
                }
                Integer rule = failJobRule(job, outcome.exitCode);
                if (rule != null) {
                    String container = job.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
                    finish(namespace, name, s -> s.setFailed(failures), condition("Failed", "PodFailurePolicy",
                            "Container " + container + " for pod " + namespace + "/" + podName(name, attempt)
                                    + " failed with exit code " + outcome.exitCode + " matching FailJob rule at index "
                                    + rule));
                    return;
                }
                if (failed > backoffLimit) {
                    finish(namespace, name, s -> s.setFailed(failures), condition("Failed", "BackoffLimitExceeded",
                            "Job has reached the specified backoff limit"));
                    return;
                }
                updateStatus(namespace, name, s -> s.setFailed(failures));
                LOG.info("job {} attempt {} exited with {}; retrying", key, attempt, outcome.exitCode);
                TimeUnit.MILLISECONDS.sleep(Math.min(10_000L, 500L << Math.min(attempt, 4)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            if (!isClosed()) {
                LOG.error("local job runner failed on {}: {}", key, e.getMessage(), e);
            }
        }
    }

    private Outcome runAttempt(Job job, int attempt, Path dir, Instant deadline)
            throws IOException, InterruptedException {
        String key = key(job);
        JobWorkspace workspace = null;
        Instant mountDeadline = Instant.now().plusSeconds(MOUNT_WAIT_SECONDS);
        while (workspace == null) {
            try {
                workspace = JobWorkspace.materialize(client, job, dir);
            } catch (JobWorkspace.MountException e) {
                // A missing ConfigMap or Secret keeps a real pod in ContainerCreating; wait a little, then give up
                // on this attempt so that local mode cannot hang forever.
                if (Instant.now().isAfter(mountDeadline) || deleted.containsKey(key)) {
                    Files.writeString(dir.resolve("pod.log"), "MountVolume.SetUp failed: " + e.getMessage() + "\n");
                    return new Outcome(1, false);
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
        mounted.add(workspace);
        try {
            return runPod(job, attempt, dir, deadline, workspace);
        } finally {
            // the kubelet removes a pod's volumes once the pod is gone; a retry mounts its own from the API server
            unmount(workspace);
        }
    }

    private Outcome runPod(Job job, int attempt, Path dir, Instant deadline, JobWorkspace workspace)
            throws IOException, InterruptedException {
        String key = key(job);
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = new ArrayList<>();
        if (container.getArgs() != null) {
            for (String arg : container.getArgs()) {
                args.add(workspace.rewrite(arg));
            }
        }
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                if (var.getValue() != null) {
                    env.put(var.getName(), workspace.rewrite(var.getValue()));
                }
            }
        }
        env.put("POD_NAME", podName(job.getMetadata().getName(), attempt));
        env.put("POD_NAMESPACE", job.getMetadata().getNamespace());
        Process process;
        synchronized (this) {
            if (closed) {
                throw new InterruptedException("the Job runner is closed");
            }
            process = launcher.launch(args, env, dir, dir.resolve("pod.log"));
            running.put(key, process);
        }
        try {
            if (deadline == null) {
                return new Outcome(process.waitFor(), false);
            }
            long millis = Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return new Outcome(process.exitValue(), false);
            }
            process.destroyForcibly().waitFor();
            return new Outcome(137, true);
        } finally {
            running.remove(key);
        }
    }

    /** Index of the first FailJob rule whose exit codes match, or null. */
    private static Integer failJobRule(Job job, int exitCode) {
        var policy = job.getSpec().getPodFailurePolicy();
        if (policy == null || policy.getRules() == null) {
            return null;
        }
        List<PodFailurePolicyRule> rules = policy.getRules();
        for (int i = 0; i < rules.size(); i++) {
            var rule = rules.get(i);
            var codes = rule.getOnExitCodes();
            if (codes == null || !"FailJob".equals(rule.getAction())) {
                continue;
            }
            boolean listed = codes.getValues().contains(exitCode);
            boolean matches = "In".equals(codes.getOperator()) ? listed : !listed && exitCode != 0;
            if (matches) {
                return i;
            }
        }
        return null;
    }

    private void finish(String namespace, String name, java.util.function.Consumer<JobStatus> counts,
            JobCondition condition) {
        updateStatus(namespace, name, s -> {
            counts.accept(s);
            s.setActive(null);
            List<JobCondition> conditions = new ArrayList<>();
            conditions.add(condition);
            s.setConditions(conditions);
            if ("Complete".equals(condition.getType())) {
                s.setCompletionTime(condition.getLastTransitionTime());
            }
        });
    }

    private void updateStatus(String namespace, String name, java.util.function.Consumer<JobStatus> change) {
        var resource = client.batch().v1().jobs().inNamespace(namespace).withName(name);
        if (resource.get() == null) {
            return;
        }
        resource.editStatus(job -> {
            if (job.getStatus() == null) {
                job.setStatus(new JobStatus());
            }
            change.accept(job.getStatus());
            return job;
        });
    }

    private static JobCondition condition(String type, String reason, String message) {
        String now = timestamp(Instant.now());
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(now).withLastTransitionTime(now).build();
    }

    private static boolean isFinished(JobStatus status) {
        return status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
    }

    private static String podName(String job, int attempt) {
        return job + "-" + attempt;
    }

    private static String key(Job job) {
        return job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Stops watching, kills the running copier processes, waits a little for the attempts to end and removes every
     * volume in the work directory. Idempotent; also runs as a shutdown hook, so Ctrl-C leaves no Secret files.
     */
    @Override
    public void close() {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
            if (first) {
                running.values().forEach(Process::destroyForcibly);
            }
        }
        if (!first) {
            awaitClosed(); // a shutdown hook must not let the JVM end while another thread is still cleaning up
            return;
        }
        try {
            stop();
        } finally {
            cleanedUp.countDown();
        }
    }

    private void stop() {
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is about to run or running: it waits for this close to finish
            }
        }
        if (informer != null) {
            informer.close();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mounted.forEach(this::unmount);
        unmountAll();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void awaitClosed() {
        try {
            cleanedUp.await(2L * CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unmount(JobWorkspace workspace) {
        try {
            workspace.unmount();
        } catch (IOException e) {
            LOG.warn("cannot remove the volumes of a local pod: {}", e.getMessage());
        } finally {
            mounted.remove(workspace);
        }
    }

    /** Removes the volumes of every attempt under the work directory ({@code <namespace>/<job>/attempt-<n>}). */
    private void unmountAll() {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (var attempts = Files.find(workDir, 3, (path, attributes) -> attributes.isDirectory()
                && workDir.relativize(path).getNameCount() == 3
                && path.getFileName().toString().startsWith(ATTEMPT_PREFIX))) {
            for (Path attempt : attempts.toList()) {
                JobWorkspace.unmountAll(attempt);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("cannot remove the volumes of local pods under {}: {}", workDir, e.getMessage());
        }
    }

    private record Outcome(int exitCode, boolean deadlineExceeded) {
    }
}
