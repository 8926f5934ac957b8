package dev.datamigration.controller.platform;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.engine.odc.OdcMapping;
import dev.datamigration.engine.odc.OdcMappingException;
import dev.datamigration.engine.odc.OdcMappingParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The app in the target platform that receives an O11 app's data, by name: what validation looks for in the target,
 * what {@code UndeployApps} undeploys and redeploys (the subject of the {@code Undeploy}/{@code Redeploy} operations)
 * and what an ODC app's status names. O11 targets: the same app. ODC targets: the mapping's {@code odcApp}
 * (spec.target.mapping.configMap, key mapping.yaml, parsed by the engine's parser as the Jobs parse it), default the
 * O11 app name. One instance per reconcile: the ConfigMap is read at most once, when first needed, so a fixed mapping
 * is picked up by the next reconcile and every step of one pass sees the same mapping.
 */
public final class TargetApps {

    /** Reads the data of a ConfigMap of the migration's namespace; empty when it does not exist. */
    @FunctionalInterface
    public interface ConfigMaps {
        Optional<Map<String, String>> read(String namespace, String name);
    }

    /** The mapping ConfigMap cannot be used (missing, no mapping.yaml, unparsable); the message names it. */
    public static final class MappingUnavailableException extends RuntimeException {
        public MappingUnavailableException(String message) {
            super(message);
        }
    }

    /** The mapping as read: exactly one of the two is set. */
    private record Loaded(OdcMapping mapping, String problem) {
    }

    private final DataMigration migration;
    private final ConfigMaps configMaps;
    private Loaded loaded;

    public TargetApps(DataMigration migration, ConfigMaps configMaps) {
        this.migration = migration;
        this.configMaps = configMaps;
    }

    /** Reads ConfigMaps straight from the API server (no informer: the operator caches no ConfigMaps). */
    public static TargetApps reading(DataMigration migration, KubernetesClient client) {
        return new TargetApps(migration, (namespace, name) -> Optional.ofNullable(
                client.configMaps().inNamespace(namespace).withName(name).get()).map(TargetApps::data));
    }

    /** Its text and binary keys alike: the Jobs get either kind mounted as the file mapping.yaml. */
    private static Map<String, String> data(ConfigMap configMap) {
        Map<String, String> data = new HashMap<>();
        if (configMap.getBinaryData() != null) {
            configMap.getBinaryData().forEach((key, value) -> data.put(key,
                    new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        if (configMap.getData() != null) {
            data.putAll(configMap.getData());
        }
        return data;
    }

    /** Whether the target is ODC (its apps' status entries name their ODC app). */
    public static boolean isOdc(DataMigration migration) {
        return migration.getSpec().getTarget() != null && migration.getSpec().getTarget().getPlatform() == Platform.ODC;
    }

    /** What makes the mapping ConfigMap of an ODC target unusable; empty when it is fine or the target is O11. */
    public Optional<String> problem() {
        return isOdc(migration) ? Optional.ofNullable(load().problem()) : Optional.empty();
    }

    /**
     * The target app of O11 app {@code o11App}.
     *
     * @throws MappingUnavailableException the target is ODC and its mapping cannot be used (validation refuses that
     *                                     before any downtime; this happens only when it changed during the run)
     */
    public String of(String o11App) {
        if (!isOdc(migration)) {
            return o11App;
        }
        Loaded mapping = load();
        if (mapping.problem() != null) {
            throw new MappingUnavailableException(mapping.problem());
        }
        return mapping.mapping().app(o11App).map(OdcMapping.AppMapping::odcApp).orElse(o11App);
    }

    private Loaded load() {
        if (loaded == null) {
            loaded = read();
        }
        return loaded;
    }

    private Loaded read() {
        var target = migration.getSpec().getTarget();
        String name = target.getMapping() == null ? null : target.getMapping().getConfigMap();
        if (name == null || name.isBlank()) {
            return new Loaded(null, "spec.target.mapping.configMap is required for an ODC target");
        }
        String what = "ConfigMap " + name + " (spec.target.mapping.configMap)";
        Optional<Map<String, String>> data = configMaps.read(migration.getMetadata().getNamespace(), name);
        if (data.isEmpty()) {
            return new Loaded(null, what + " does not exist");
        }
        String yaml = data.get().get(Contracts.ODC_MAPPING_FILE);
        if (yaml == null) {
            return new Loaded(null, what + " has no key " + Contracts.ODC_MAPPING_FILE);
        }
        try {
            return new Loaded(OdcMappingParser.parse(yaml), null);
        } catch (OdcMappingException e) {
            return new Loaded(null, what + ": " + e.getMessage());
        }
    }
}
