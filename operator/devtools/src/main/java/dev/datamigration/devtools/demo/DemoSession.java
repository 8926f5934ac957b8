package dev.datamigration.devtools.demo;

import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.fixtures.pg.PostgresBinaries;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every demo does around its own story: quiet logging into a file, the screen, cleanup on Ctrl-C, the
 * environment taken down at the end (also after a failure), the log's tail after a failure, the step lines and the
 * {@code --keep} instructions. {@link Demo} (O11 to O11) and {@link OdcDemo} (O11 to ODC) each supply only their
 * {@link Story}.
 */
final class DemoSession {

    /** The part of a demo between a started environment and its teardown; answers the exit code. */
    interface Story {
        int run(DemoEnvironment environment, Screen screen, Path log) throws Exception;
    }

    private static final int LOG_TAIL_LINES = 30;

    private final Demo.Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final Style style;

    DemoSession(Demo.Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.style = settings.style();
    }

    /** Runs {@code story} in a fresh environment and takes everything down again; 1 when the story throws. */
    int run(Story story) {
        DemoEnvironment environment = DemoEnvironment.create();
        Path log = environment.workDir().resolve("demo.log");
        quietLogging(log);
        Logger julRoot = Logger.getLogger("");
        Level julLevel = julRoot.getLevel();
        // the embedded API server logs every request through java.util.logging; only warnings matter here
        julRoot.setLevel(Level.WARNING);
        Screen screen = settings.live() ? new LiveScreen(out, new Dashboard(style)) : new LineScreen(out);
        Thread cleanup = new Thread(() -> interrupted(environment, screen), "datamigration-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return story.run(environment, screen, log);
        } catch (Exception e) {
            screen.stop();
            err.println("demo failed: " + e.getMessage());
            printTail(log);
            return 1;
        } finally {
            julRoot.setLevel(julLevel);
            if (closeQuietly(environment)) {
                out.println(style.dim(settings.keep()
                        ? "Cleaned up: simulator stopped, temporary files removed; PostgreSQL kept running (--keep)."
                        : "Cleaned up: PostgreSQL stopped and its data deleted, simulator stopped, temporary files"
                                + " removed."));
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running or has run
            }
        }
    }

    /** One finished preparation step, with the time it took. */
    /** Starts the demo's PostgreSQL server and reports the step with where its data lives. */
    EmbeddedPostgres startPostgres(DemoEnvironment environment) throws Exception {
        Instant started = Instant.now();
        EmbeddedPostgres postgres = environment.startPostgres();
        step("PostgreSQL " + PostgresBinaries.VERSION + " on 127.0.0.1:" + postgres.port(), started);
        out.println("    " + style.dim("data in " + postgres.instanceDirectory()));
        return postgres;
    }

    void step(String what, Instant started) {
        long millis = Duration.between(started, Instant.now()).toMillis();
        out.println("  " + style.green(style.check()) + " " + what + "  " + style.dim(Durations.seconds(millis)));
        out.flush();
    }

    /** The last lines of the demo's log on stderr (after a failure). */
    void printTail(Path log) {
        if (!Files.exists(log)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return;
            }
            err.println("--- last lines of the demo's log ---");
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(err::println);
        } catch (IOException e) {
            err.println("cannot read the demo's log " + log + ": " + e.getMessage());
        }
    }

    /**
     * {@code --keep}: PostgreSQL outlives the demo; prints the databases' URLs (in order, {@code label -> JDBC URL}),
     * where the password is and how to stop the server.
     */
    void keep(DemoEnvironment environment, EmbeddedPostgres postgres, List<Map.Entry<String, String>> databases)
            throws IOException {
        environment.keepDatabases();
        Path instance = postgres.instanceDirectory();
        Path passwordFile = instance.resolve("demo-password");
        Files.writeString(passwordFile, postgres.password() + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        PostgresBinaries binaries = PostgresBinaries.ensureExtracted();
        String asServerUser = "root".equals(System.getProperty("user.name")) ? "runuser -u nobody -- " : "";
        out.println();
        out.println(style.bold("Databases kept") + " (--keep): PostgreSQL keeps running after the demo");
        databases.forEach(db -> out.println("  " + String.format("%-11s", db.getKey()) + " " + db.getValue()));
        out.println("  user " + postgres.username() + ", password in " + passwordFile);
        out.println("  stop it:    LD_LIBRARY_PATH=" + binaries.libDir() + " " + asServerUser + binaries.bin("pg_ctl")
                + " stop -D " + instance.resolve("data") + " && rm -rf " + instance);
    }

    /** A fresh secret for the demo's simulator (token, client secret): {@code demo-} and 32 hex digits. */
    static String secret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "demo-" + HexFormat.of().formatHex(bytes);
    }

    /** Shutdown hook: Ctrl-C or a kill while the demo runs. */
    private void interrupted(DemoEnvironment environment, Screen screen) {
        screen.stop();
        err.println();
        err.println("demo interrupted: stopping copier processes, PostgreSQL and the simulator");
        stopCopierProcesses();
        closeQuietly(environment);
        err.println("demo cleaned up");
        err.flush();
    }

    /** The copier JVMs this process started (a terminal's Ctrl-C reaches them too; a kill of this process does not). */
    private static void stopCopierProcesses() {
        String self = ProcessHandle.current().info().command().orElse("");
        List<ProcessHandle> copiers = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(self::equals).orElse(false)).toList();
        copiers.forEach(ProcessHandle::destroy);
        for (ProcessHandle copier : copiers) {
            try {
                copier.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                copier.destroyForcibly();
            }
        }
    }

    /** Takes the environment down; false (and a message) when a part of it could not be stopped or deleted. */
    private boolean closeQuietly(DemoEnvironment environment) {
        try {
            environment.close();
            return true;
        } catch (RuntimeException e) {
            err.println("demo cleanup: " + e.getMessage());
            return false;
        }
    }

    /**
     * The operator and the API server log to slf4j-simple; on the demo's screen only the view speaks, so warnings
     * and errors go to a log file that is shown after a failure. Has no effect once slf4j has been initialised
     * (as in tests) or when the user configured it.
     */
    private static void quietLogging(Path log) {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
