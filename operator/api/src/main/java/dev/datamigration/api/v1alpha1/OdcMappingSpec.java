package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Where the entities of an ODC target live: a ConfigMap in the migration's namespace whose key {@code mapping.yaml}
 * maps each O11 entity of each app to its table (and, where they differ from the lower-cased attribute names, its
 * columns) in the stage database. ODC documents no physical names, so they are mapped, never derived.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OdcMappingSpec {

    /** Name of the ConfigMap holding {@code mapping.yaml}. */
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
    private String configMap;

    public String getConfigMap() {
        return configMap;
    }

    public void setConfigMap(String configMap) {
        this.configMap = configMap;
    }
}
