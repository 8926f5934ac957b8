package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** The source side: an O11 environment and its factory database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceSpec {

    /** Only O11 is a supported source. */
    @Default("O11")
    private Platform platform = Platform.O11;

    /** Environment name as the platform API knows it. */
    @Required
    private String environment;

    /** The factory database. */
    @Required
    private DatabaseSpec database;

    /** KeepRunning, StopEnvironment or StopAfterCopy. */
    @Default("KeepRunning")
    private SourceDowntime downtime = SourceDowntime.KeepRunning;

    public Platform getPlatform() {
        return platform;
    }

    public void setPlatform(Platform platform) {
        this.platform = platform;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public DatabaseSpec getDatabase() {
        return database;
    }

    public void setDatabase(DatabaseSpec database) {
        this.database = database;
    }

    public SourceDowntime getDowntime() {
        return downtime;
    }

    public void setDowntime(SourceDowntime downtime) {
        this.downtime = downtime;
    }
}
