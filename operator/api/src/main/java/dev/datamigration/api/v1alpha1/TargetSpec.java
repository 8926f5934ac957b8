package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** The target side: an O11 environment or an ODC stage, and its database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetSpec {

    /** O11 or ODC. */
    @Default("O11")
    private Platform platform = Platform.O11;

    /** O11 environment name or ODC stage name. */
    @Required
    private String environment;

    /** The target database. */
    @Required
    private DatabaseSpec database;

    /** KeepDeployed or UndeployApps. */
    @Default("KeepDeployed")
    private TargetDowntime downtime = TargetDowntime.KeepDeployed;

    /** ODC target only (required there): the ConfigMap whose mapping.yaml names each entity's stage table. */
    private OdcMappingSpec mapping;

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

    public TargetDowntime getDowntime() {
        return downtime;
    }

    public void setDowntime(TargetDowntime downtime) {
        this.downtime = downtime;
    }

    public OdcMappingSpec getMapping() {
        return mapping;
    }

    public void setMapping(OdcMappingSpec mapping) {
        this.mapping = mapping;
    }
}
