package dev.datamigration.devtools.local;

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
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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
 * configMap-mounted files (the task file names the credentials directories) are rewritten to match. Like the
 * kubelet, it removes the volumes again when the pod is gone ({@link #unmount}): Secret files hold passwords in plain
 * text and must not outlive the attempt that needed them.
 */
final class JobWorkspace {

    /** Volume directories are named {@code mount-<index>-<volume>} inside the attempt's directory. */
    private static final String MOUNT_PREFIX = "mount-";

    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final List<Path> volumeDirs = new ArrayList<>();

    private JobWorkspace() {
    }

    /**
     * Materialises the volumes of the Job's first container under {@code dir}. When a volume cannot be provided, the
     * ones already written are removed before the exception leaves.
     */
    static JobWorkspace materialize(KubernetesClient client, Job job, Path dir) throws IOException {
        JobWorkspace workspace = new JobWorkspace();
        try {
            workspace.write(client, job, dir);
            return workspace;
        } catch (IOException | RuntimeException e) {
            try {
                workspace.unmount();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void write(KubernetesClient client, Job job, Path dir) throws IOException {
        String namespace = job.getMetadata().getNamespace();
        var podSpec = job.getSpec().getTemplate().getSpec();
        Container container = podSpec.getContainers().get(0);
        Map<String, Volume> volumes = new LinkedHashMap<>();
        if (podSpec.getVolumes() != null) {
            podSpec.getVolumes().forEach(v -> volumes.put(v.getName(), v));
        }
        List<Path> configMapFiles = new ArrayList<>();
        int index = 0;
        List<VolumeMount> volumeMounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        for (VolumeMount mount : volumeMounts) {
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new MountException("volume " + mount.getName() + " is mounted but not defined in the pod");
            }
            Path target = dir.resolve(MOUNT_PREFIX + (index++) + "-" + mount.getName());
            volumeDirs.add(target);
            Files.createDirectories(target);
            if (volume.getConfigMap() != null) {
                ConfigMap configMap = client.configMaps().inNamespace(namespace)
                        .withName(volume.getConfigMap().getName()).get();
                boolean optional = Boolean.TRUE.equals(volume.getConfigMap().getOptional());
                if (configMap == null && !optional) {
                    throw new MountException("configmap \"" + volume.getConfigMap().getName() + "\" not found");
                }
                // An optional volume of a missing ConfigMap is an empty directory, as the kubelet mounts it.
                Map<String, String> data = configMap == null || configMap.getData() == null ? Map.of()
                        : configMap.getData();
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
            mounts.put(mount.getMountPath(), target.toAbsolutePath());
        }
        for (Path file : configMapFiles) {
            Files.writeString(file, rewrite(Files.readString(file, StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        }
    }

    /** Deletes the pod's volume directories and everything in them; what the pod wrote elsewhere stays. */
    void unmount() throws IOException {
        for (Path volume : volumeDirs) {
            deleteTree(volume);
        }
    }

    /**
     * Deletes every volume directory in an attempt's directory {@code attemptDir}, whoever wrote it: volumes left by a
     * run that could not clean up (killed with SIGKILL, or a power cut).
     */
    static void unmountAll(Path attemptDir) throws IOException {
        List<Path> volumes;
        try (var children = Files.list(attemptDir)) {
            volumes = children.filter(p -> p.getFileName().toString().startsWith(MOUNT_PREFIX)
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (NoSuchFileException gone) {
            return;
        }
        for (Path volume : volumes) {
            deleteTree(volume);
        }
    }

    /** Deletes a directory tree; parts that another cleanup deleted meanwhile are no error. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e)
                    throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
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
