package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.datamigration.api.v1alpha1.DatabaseEngine;
import dev.datamigration.api.v1alpha1.Platform;

/** One database as a Job sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseEndpoint {

    /** O11 or ODC. */
    private Platform platform;

    /** Environment or stage name (for messages). */
    private String environment;

    /** SqlServer, Oracle or PostgreSQL. */
    private DatabaseEngine engine;

    /** JDBC URL without credentials. */
    private String url;

    /** Directory holding files username and password (a mounted Secret). */
    private String credentialsDir;

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

    public DatabaseEngine getEngine() {
        return engine;
    }

    public void setEngine(DatabaseEngine engine) {
        this.engine = engine;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getCredentialsDir() {
        return credentialsDir;
    }

    public void setCredentialsDir(String credentialsDir) {
        this.credentialsDir = credentialsDir;
    }
}
