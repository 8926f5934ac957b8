package dev.datamigration.devtools.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the copier process of one Job attempt: the container's arguments, run by this very program. */
@FunctionalInterface
public interface CopierLauncher {

    /** Starts {@code args} (e.g. {@code copy --task FILE}) with {@code env}, output to {@code log}. */
    Process launch(List<String> args, Map<String, String> env, Path workingDir, Path log) throws IOException;

    /**
     * Runs the copier in a child JVM on this JVM's class path, with {@code KUBECONFIG} pointing at the local API
     * server, so it writes its progress ConfigMap exactly as a pod does.
     */
    static CopierLauncher childJvm(Path kubeconfig, String maxHeap) {
        return childJvm(kubeconfig, maxHeap, List.of());
    }

    /**
     * As {@link #childJvm(Path, String)}, with extra JVM options (tests start many short copies and trade peak
     * speed for start-up time, e.g. {@code -XX:TieredStopAtLevel=1}).
     */
    static CopierLauncher childJvm(Path kubeconfig, String maxHeap, List<String> jvmOptions) {
        List<String> options = List.copyOf(jvmOptions);
        return (args, env, workingDir, log) -> {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap));
            command.addAll(options);
            command.addAll(List.of("-cp", absoluteClassPath(), "dev.datamigration.cli.Main"));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
            return builder.start();
        };
    }

    /** This JVM's class path with every entry absolute, so a child started in another directory finds it. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }
}
