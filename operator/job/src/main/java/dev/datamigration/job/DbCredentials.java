package dev.datamigration.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Database credentials read from a mounted Secret: files {@code username} and {@code password} in one directory.
 * Trailing line breaks are removed (a hand-made file usually ends with one). The password never appears in
 * {@link #toString()} or in any message.
 */
final class DbCredentials {

    private final String username;
    private final String password;

    private DbCredentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public static DbCredentials read(String side, String directory) {
        if (directory == null || directory.isBlank()) {
            throw new TaskException("no credentials directory for the " + side + " database (credentialsDir)");
        }
        Path dir = Path.of(directory);
        return new DbCredentials(readFile(side, dir.resolve("username")), readFile(side, dir.resolve("password")));
    }

    private static String readFile(String side, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
        } catch (IOException | RuntimeException e) {
            throw new TaskException("cannot read the " + side + " database credentials file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    public String username() {
        return username;
    }

    /** JDBC connection properties: user and password. */
    public Properties jdbcProperties() {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", password);
        return p;
    }

    @Override
    public String toString() {
        return "DbCredentials[username=" + username + ", password=***]";
    }
}
