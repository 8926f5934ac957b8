package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A database reached over JDBC. Credentials come only from the named Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseSpec {

    /** A JDBC URL of one of the supported engines. */
    public static final String JDBC_URL_PATTERN = "^jdbc:(sqlserver|oracle|postgresql):.+";

    /** SqlServer, Oracle or PostgreSQL. */
    @Required
    private DatabaseEngine engine;

    /** JDBC URL without credentials. */
    @Required
    @Pattern(JDBC_URL_PATTERN)
    private String url;

    /** Secret in the migration's namespace with keys username and password. */
    @Required
    private String credentialsSecret;

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

    public String getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(String credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }
}
