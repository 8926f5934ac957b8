package dev.datamigration.job.users;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.OdcPlatformEndpoint;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UserMatch;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.engine.users.O11EndUsers;
import dev.datamigration.job.TaskException;
import dev.datamigration.platform.EndUserDirectory;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.platform.odc.OdcClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The end users step of a plan or copy Job with an ODC target and {@code users.match: Email}: reads the O11 end users
 * of the default provider from the source, and checks them (plan) or resolves their ODC keys (copy) through the
 * Identity API of the task's ODC platform, with the credentials of the mounted Secret.
 */
public final class OdcEndUsers {

    /**
     * Identity calls: Retry-After of a 429 honoured up to a minute (POST /users/bulk allows 5 calls a minute), a few
     * more attempts than the operator's short calls, and a bounded call.
     */
    static final HttpSettings SETTINGS = HttpSettings.defaults().withBackoff(Duration.ofMillis(250),
            Duration.ofSeconds(60)).withMaxAttempts(6).withCallDeadline(Duration.ofMinutes(5));
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    static final Duration MAX_POLLING = Duration.ofMinutes(10);
    static final Duration LEASE = Duration.ofMinutes(2);

    private OdcEndUsers() {
    }

    /** Whether the task has an end users step: an ODC target matching users by e-mail. */
    public static boolean applies(JobTask task) {
        UsersSpec users = task.getUsers();
        return task.getTarget() != null && task.getTarget().getPlatform() == Platform.ODC && users != null
                && users.getMatch() == UserMatch.Email;
    }

    /** The plan's read-only check. */
    public static UsersPlanCheck.Result plan(JobTask task, Connection source) throws SQLException {
        return UsersPlanCheck.check(O11EndUsers.read(source), policy(task), directory(task, SETTINGS));
    }

    /** The copy's keys (creating users first with {@code unmatched: Create}). */
    public static UsersResolver.Result resolve(JobTask task, Connection source, Optional<KubernetesClient> kubernetes)
            throws SQLException, InterruptedException {
        return resolver(task, kubernetes, SETTINGS, POLL_INTERVAL, MAX_POLLING).resolve(O11EndUsers.read(source),
                policy(task));
    }

    /** The resolver with explicit settings (tests use short ones). */
    static UsersResolver resolver(JobTask task, Optional<KubernetesClient> kubernetes, HttpSettings settings,
            Duration pollInterval, Duration maxPolling) {
        OdcPlatformEndpoint odc = task.getOdcPlatform();
        UserLedger ledger = kubernetes.isPresent() && odc.getUsersConfigMap() != null
                ? new ConfigMapUserLedger(kubernetes.get(), namespace(task, kubernetes.get()), odc.getUsersConfigMap(),
                        task.getMigration(), LEASE, pollInterval, MAX_POLLING.plus(LEASE), Clock.systemUTC(),
                        taskOwners(task, kubernetes.get()))
                : InProcessUserLedger.of(task.getNamespace() + "/" + task.getMigration());
        return new UsersResolver(directory(task, settings), ledger, pollInterval, maxPolling);
    }

    static EndUserDirectory directory(JobTask task, HttpSettings settings) {
        OdcPlatformEndpoint odc = task.getOdcPlatform();
        if (odc == null || odc.getPortalUrl() == null || odc.getPortalUrl().isBlank()) {
            throw new TaskException("an ODC target with users.match Email needs the ODC portal URL"
                    + " (odcPlatform.portalUrl): the end users are matched through its Identity API");
        }
        OdcCredentials credentials = OdcCredentials.read(odc.getCredentialsDir());
        return new OdcClient(odc.getPortalUrl(), credentials.clientId(), credentials.clientSecret(),
                credentials.hint(), settings, CallObserver.NONE);
    }

    private static UnmatchedUsers policy(JobTask task) {
        return task.getUsers().getUnmatched() == null ? UnmatchedUsers.Fail : task.getUsers().getUnmatched();
    }

    /** The owner references of the Job's task ConfigMap ({@code <job>-task}, owned by the DataMigration). */
    private static List<OwnerReference> taskOwners(JobTask task, KubernetesClient client) {
        String progress = task.getProgressConfigMap();
        if (progress == null || !progress.endsWith(Contracts.PROGRESS_SUFFIX)) {
            return List.of();
        }
        String name = progress.substring(0, progress.length() - Contracts.PROGRESS_SUFFIX.length()) + "-task";
        ConfigMap taskConfigMap = client.configMaps().inNamespace(namespace(task, client)).withName(name).get();
        return taskConfigMap == null || taskConfigMap.getMetadata().getOwnerReferences() == null ? List.of()
                : taskConfigMap.getMetadata().getOwnerReferences();
    }

    private static String namespace(JobTask task, KubernetesClient client) {
        return task.getNamespace() != null ? task.getNamespace() : client.getNamespace();
    }
}
