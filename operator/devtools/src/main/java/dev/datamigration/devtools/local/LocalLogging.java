package dev.datamigration.devtools.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Where the logs of {@code local} go. Its stderr belongs to the product's progress lines; the embedded API server
 * (a request log line per call, through java.util.logging), the Kubernetes client and the operator SDK log through
 * slf4j-simple, which is configured here before anything has logged: to a log file by default, to stderr with
 * {@code --verbose}. java.util.logging is bridged into slf4j so that both kinds of log share one format and one
 * destination. slf4j-simple reads its settings once, at the first logger: settings given by the user with
 * {@code -Dorg.slf4j.simpleLogger...} are left alone, and calling this after something has logged has no effect on
 * slf4j (as in tests that run several commands in one JVM).
 */
public final class LocalLogging {

    private static final String SIMPLE = "org.slf4j.simpleLogger.";
    private static final String MOCK_SERVER = "io.fabric8.mockwebserver";
    /** java.util.logging holds loggers weakly: a level set on one that is collected is lost. */
    private static Logger mockServerLog;

    private LocalLogging() {
    }

    /**
     * Default: the libraries' and the operator's logs go to {@code logFile} (created with its directory; replaced
     * every run), without the API server's request log.
     */
    public static void toFile(Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        setDefault(SIMPLE + "logFile", logFile.toAbsolutePath().toString());
        setDefault(SIMPLE + "log." + MOCK_SERVER, "warn");
        configure(Level.WARNING);
    }

    /** {@code --verbose}: everything on stderr, the API server's request log included. */
    public static void toStderr() {
        setDefault(SIMPLE + "logFile", "System.err");
        configure(Level.INFO);
    }

    private static synchronized void configure(Level mockServerLevel) {
        setDefault(SIMPLE + "showDateTime", "true");
        setDefault(SIMPLE + "dateTimeFormat", "HH:mm:ss.SSS");
        // the request log is cut at the source too: ~40 lines a second are not worth building to drop them
        mockServerLog = Logger.getLogger(MOCK_SERVER);
        mockServerLog.setLevel(mockServerLevel);
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
