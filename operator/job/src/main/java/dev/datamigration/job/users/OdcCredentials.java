package dev.datamigration.job.users;

import dev.datamigration.job.TaskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ODC API client's credentials read from a mounted Secret: files {@code clientId} and {@code clientSecret} in
 * one directory (trailing line breaks removed). The secret never appears in {@link #toString()} or in a message.
 */
public final class OdcCredentials {

    private final String clientId;
    private final String clientSecret;
    private final String directory;

    private OdcCredentials(String clientId, String clientSecret, String directory) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.directory = directory;
    }

    public static OdcCredentials read(String directory) {
        if (directory == null || directory.isBlank()) {
            throw new TaskException("no credentials directory for the ODC platform API (odcPlatform.credentialsDir)");
        }
        Path dir = Path.of(directory);
        return new OdcCredentials(readFile(dir.resolve("clientId")), readFile(dir.resolve("clientSecret")),
                directory);
    }

    private static String readFile(Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
            if (value.isBlank()) {
                throw new TaskException("the ODC platform API credentials file " + file + " is empty");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof TaskException t) {
                throw t;
            }
            throw new TaskException("cannot read the ODC platform API credentials file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** Where the credentials come from, for platform messages (never the values). */
    public String hint() {
        return "the ODC API client credentials mounted at " + directory + " (keys clientId, clientSecret)";
    }

    @Override
    public String toString() {
        return "OdcCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
