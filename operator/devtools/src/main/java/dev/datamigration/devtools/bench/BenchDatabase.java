package dev.datamigration.devtools.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One side of the bench: how to open a connection (the bench opens several, e.g. one per stream). The password is
 * held here only, never printed: {@link #toString()} shows the URL and user.
 */
public record BenchDatabase(String url, String user, String password) {

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public String toString() {
        return url + (user == null ? "" : " as " + user);
    }
}
