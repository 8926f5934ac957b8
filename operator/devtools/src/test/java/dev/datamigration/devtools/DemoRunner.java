package dev.datamigration.devtools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the demo command in the test JVM with its output captured, as the demo tests do. */
final class DemoRunner {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /**
     * The demo sends slf4j-simple's output to a file in its work directory unless told otherwise; in a test JVM that
     * file would outlive the demo for every later test class.
     */
    static void logToStandardError() {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
    }

    /** Runs {@code datamigration demo ARGS}; returns its exit code. */
    int demo(String... args) {
        DemoCommand command = new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    /** The demo work directories in the temporary directory now. */
    static Set<String> demoWorkDirs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("datamigration-demo-"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
