package dev.datamigration.cli.local;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the kubelet's volume part for one attempt of a Job: writes the pod's configMap and secret volumes into a
 * directory per mount, the way they would appear in the container. The copier runs without a container
 * filesystem, so every mount path is mapped to its directory and the paths in the arguments and in
 * configMap-mounted files (the task file names the credentials directories) are rewritten to match.
 */
final class JobWorkspace {

    private final Map<String, Path> mounts = new LinkedHashMap<>();

    private JobWorkspace() {
    }

    /** Materialises the volumes of the Job's first container under {@code dir}. */
    static JobWorkspace materialize(KubernetesClient client, Job job, Path dir) throws IOException {
        String namespace = job.getMetadata().getNamespace();
        var podSpec = job.getSpec().getTemplate().getSpec();
        Container container = podSpec.getContainers().get(0);
        Map<String, Volume> volumes = new LinkedHashMap<>();
        if (podSpec.getVolumes() != null) {
            podSpec.getVolumes().forEach(v -> volumes.put(v.getName(), v));
        }
        JobWorkspace workspace = new JobWorkspace();
        List<Path> configMapFiles = new ArrayList<>();
        int index = 0;
        List<VolumeMount> volumeMounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        for (VolumeMount mount : volumeMounts) {
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new MountException("volume " + mount.getName() + " is mounted but not defined in the pod");
            }
            Path target = dir.resolve("mount-" + (index++) + "-" + mount.getName());
            Files.createDirectories(target);
            if (volume.getConfigMap() != null) {
                ConfigMap configMap = client.configMaps().inNamespace(namespace)
                        .withName(volume.getConfigMap().getName()).get();
                if (configMap == null) {
                    throw new MountException("configmap \"" + volume.getConfigMap().getName() + "\" not found");
                }
                Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
                for (var entry : selected(data, volume.getConfigMap().getItems()).entrySet()) {
                    Path file = target.resolve(entry.getKey());
                    Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                    configMapFiles.add(file);
                }
            } else if (volume.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(namespace)
                        .withName(volume.getSecret().getSecretName()).get();
                if (secret == null) {
                    throw new MountException("secret \"" + volume.getSecret().getSecretName() + "\" not found");
                }
                Map<String, String> decoded = new LinkedHashMap<>();
                if (secret.getData() != null) {
                    secret.getData().forEach((k, v) -> decoded.put(k,
                            new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
                }
                if (secret.getStringData() != null) {
                    decoded.putAll(secret.getStringData());
                }
                for (var entry : selected(decoded, volume.getSecret().getItems()).entrySet()) {
                    Path file = target.resolve(entry.getKey());
                    Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            } else if (volume.getEmptyDir() == null) {
                throw new MountException("volume " + mount.getName() + " has a type local mode does not provide");
            }
            workspace.mounts.put(mount.getMountPath(), target.toAbsolutePath());
        }
        for (Path file : configMapFiles) {
            Files.writeString(file, workspace.rewrite(Files.readString(file, StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        }
        return workspace;
    }

    /**
     * Replaces every mount path in {@code text} by its local directory, in one pass so that a replacement is never
     * rewritten again (the local directories may themselves lie under a mount path such as /tmp). A mount path
     * matches only as a whole path prefix: not inside a longer path, and followed by '/', the end or a non-path
     * character.
     */
    String rewrite(String text) {
        if (mounts.isEmpty()) {
            return text;
        }
        List<String> paths = new ArrayList<>(mounts.keySet());
        paths.sort(Comparator.comparingInt(String::length).reversed());
        String alternatives = paths.stream().map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining("|"));
        var pattern = java.util.regex.Pattern.compile("(?<![\\w./-])(" + alternatives + ")(?=/|$|[^\\w.-])");
        return pattern.matcher(text).replaceAll(match ->
                java.util.regex.Matcher.quoteReplacement(mounts.get(match.group(1)).toString()));
    }

    private static Map<String, String> selected(Map<String, String> data, List<KeyToPath> items) {
        if (items == null || items.isEmpty()) {
            return data;
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (KeyToPath item : items) {
            if (data.containsKey(item.getKey())) {
                selected.put(item.getPath(), data.get(item.getKey()));
            }
        }
        return selected;
    }

    /** A volume that cannot be provided: the pod would stay in ContainerCreating on a real node. */
    static final class MountException extends IOException {
        MountException(String message) {
            super(message);
        }
    }
}
