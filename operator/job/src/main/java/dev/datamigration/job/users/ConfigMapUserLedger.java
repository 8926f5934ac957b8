package dev.datamigration.job.users;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.engine.MigrationException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link UserLedger} in a ConfigMap shared by the migration's copy Jobs (data keys {@code holder},
 * {@code heldUntil}, {@code created}, {@code pendingOperation}). Taking and renewing it are updates guarded by the
 * ConfigMap's resourceVersion, so of two Jobs only one wins; a holder that stops renewing (its pod died) loses it when
 * {@code heldUntil} has passed. The ConfigMap carries the migration's labels and, like the progress ConfigMaps, the
 * owner references of the Job's task ConfigMap, so it is deleted with the migration.
 */
public final class ConfigMapUserLedger implements UserLedger {

    static final String HOLDER = "holder";
    static final String HELD_UNTIL = "heldUntil";
    static final String CREATED = "created";
    static final String PENDING = "pendingOperation";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String migration;
    private final Duration lease;
    private final Duration retry;
    private final Duration maxWait;
    private final Clock clock;
    private final List<OwnerReference> owners;
    private final String me = UUID.randomUUID().toString();

    /**
     * @param lease   how long a holder keeps the ledger without renewing
     * @param retry   pause between attempts to take a held ledger
     * @param maxWait after this long without getting it, {@link #acquire} fails (transient: the Job is retried)
     * @param owners  owner references of a ledger this Job creates (the DataMigration: it goes with the migration)
     */
    public ConfigMapUserLedger(KubernetesClient client, String namespace, String name, String migration,
            Duration lease, Duration retry, Duration maxWait, Clock clock, List<OwnerReference> owners) {
        this.owners = List.copyOf(owners);
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.migration = migration;
        this.lease = lease;
        this.retry = retry;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    @Override
    public Held acquire() throws InterruptedException {
        Instant giveUp = clock.instant().plus(maxWait);
        while (true) {
            ConfigMap current = getOrCreate();
            Map<String, String> data = data(current);
            String holder = data.get(HOLDER);
            boolean free = holder == null || holder.isEmpty() || holder.equals(me)
                    || !clock.instant().isBefore(Instant.parse(data.getOrDefault(HELD_UNTIL, Instant.EPOCH.toString())));
            if (free) {
                data.put(HOLDER, me);
                data.put(HELD_UNTIL, clock.instant().plus(lease).toString());
                ConfigMap taken = tryUpdate(current, data);
                if (taken != null) {
                    return new ConfigMapHeld(taken);
                }
                continue; // another Job changed it first: look again
            }
            if (!clock.instant().isBefore(giveUp)) {
                throw new MigrationException("waited " + maxWait.toSeconds() + " s for the end users ledger ConfigMap "
                        + name + ", still held by another copy Job of migration " + migration, false);
            }
            Thread.sleep(retry.toMillis());
        }
    }

    private ConfigMap getOrCreate() {
        var resource = client.configMaps().inNamespace(namespace).withName(name);
        ConfigMap existing = resource.get();
        if (existing != null) {
            return existing;
        }
        Map<String, String> labels = new HashMap<>();
        labels.put(Contracts.MANAGED_BY_LABEL, Contracts.MANAGED_BY);
        if (migration != null) {
            labels.put(Contracts.MIGRATION_LABEL, migration);
        }
        try {
            return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(name).withNamespace(namespace).withLabels(labels).withOwnerReferences(owners)
                    .endMetadata()
                    .withData(Map.of(CREATED, "0")).build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return resource.get(); // another Job created it at the same moment
            }
            throw e;
        }
    }

    /** The updated ConfigMap, or null when its resourceVersion changed in between. */
    private ConfigMap tryUpdate(ConfigMap current, Map<String, String> data) {
        ConfigMap changed = new ConfigMapBuilder(current).withData(data).build();
        try {
            return client.configMaps().inNamespace(namespace).resource(changed).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null;
            }
            throw e;
        }
    }

    private static Map<String, String> data(ConfigMap cm) {
        return cm.getData() == null ? new HashMap<>() : new HashMap<>(cm.getData());
    }

    private final class ConfigMapHeld implements Held {

        private ConfigMap held;

        private ConfigMapHeld(ConfigMap held) {
            this.held = held;
        }

        @Override
        public long created() {
            return Long.parseLong(data(held).getOrDefault(CREATED, "0"));
        }

        @Override
        public void addCreated(long count) {
            change(CREATED, Long.toString(created() + count));
        }

        @Override
        public String pendingOperation() {
            String pending = data(held).get(PENDING);
            return pending == null || pending.isEmpty() ? null : pending;
        }

        @Override
        public void setPendingOperation(String operationKey) {
            change(PENDING, operationKey == null ? "" : operationKey);
        }

        @Override
        public void renew() {
            change(HELD_UNTIL, clock.instant().plus(lease).toString());
        }

        @Override
        public void close() {
            change(HOLDER, "");
        }

        private void change(String key, String value) {
            Map<String, String> data = data(held);
            data.put(key, value);
            ConfigMap updated = tryUpdate(held, data);
            if (updated == null) {
                throw new MigrationException("the end users ledger ConfigMap " + name + " was taken over by another"
                        + " copy Job of migration " + migration + " (this Job did not renew it in time)", false);
            }
            held = updated;
        }
    }
}
