package dev.datamigration.controller.events;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.status.Times;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about a DataMigration. The name is deterministic ({@code <dm>.<hash of uid, reason,
 * message>}), so the same event again bumps {@code count} and {@code lastTimestamp} instead of piling up.
 * Events are best-effort: a failure to write one is logged, never fails a reconcile.
 */
public class EventRecorder {

    public static final String COMPONENT = "datamigration-operator";
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    public enum Type {
        Normal,
        Warning
    }

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(DataMigration migration, String reason, String message) {
        record(migration, Type.Normal, reason, message);
    }

    public void warning(DataMigration migration, String reason, String message) {
        record(migration, Type.Warning, reason, message);
    }

    /** The deterministic name of an event. */
    public static String name(DataMigration migration, String reason, String message) {
        return migration.getMetadata().getName() + "." + ResourceNames.shortHash(
                migration.getMetadata().getUid() + "/" + reason + "/" + message);
    }

    public void record(DataMigration migration, Type type, String reason, String message) {
        String namespace = migration.getMetadata().getNamespace();
        String name = name(migration, reason, message);
        String now = Times.format(clock.instant());
        try {
            var resource = client.v1().events().inNamespace(namespace).withName(name);
            Event existing = resource.get();
            if (existing != null) {
                existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                existing.setLastTimestamp(now);
                client.v1().events().inNamespace(namespace).resource(existing).update();
                return;
            }
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(migration.getApiVersion())
                            .withKind(migration.getKind())
                            .withName(migration.getMetadata().getName())
                            .withNamespace(namespace)
                            .withUid(migration.getMetadata().getUid())
                            .build())
                    .withType(type.name())
                    .withReason(reason)
                    .withMessage(message)
                    .withCount(1)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("Event {} {} on {}/{} not written: {}", reason, name, namespace,
                    migration.getMetadata().getName(), e.getMessage());
        }
    }
}
