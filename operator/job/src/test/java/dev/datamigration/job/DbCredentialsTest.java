package dev.datamigration.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void readsBothFilesDroppingTheTrailingLineBreakAndNeverShowsThePassword() throws Exception {
        Files.writeString(dir.resolve("username"), "reader\n");
        Files.writeString(dir.resolve("password"), "s3cr3t-sentinel\r\n");
        DbCredentials c = DbCredentials.read("source", dir.toString());
        assertThat(c.username()).isEqualTo("reader");
        assertThat(c.jdbcProperties().getProperty("password")).isEqualTo("s3cr3t-sentinel");
        assertThat(c.toString()).isEqualTo("DbCredentials[username=reader, password=***]");
    }

    @Test
    void aMissingFileIsNamedInTheError() throws Exception {
        Files.writeString(dir.resolve("username"), "reader");
        assertThatThrownBy(() -> DbCredentials.read("target", dir.toString())).isInstanceOf(TaskException.class)
                .hasMessage("cannot read the target database credentials file " + dir.resolve("password")
                        + " (NoSuchFileException)");
    }
}
