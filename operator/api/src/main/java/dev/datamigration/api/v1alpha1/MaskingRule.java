package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** One attribute masked in flight. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskingRule {

    /** Application name. */
    @Required
    private String app;

    /** Entity name. */
    @Required
    private String entity;

    /** Attribute name. */
    @Required
    private String attribute;

    /** Hash, Default, Redact or Email. */
    @Default("Hash")
    private MaskingStrategy strategy = MaskingStrategy.Hash;

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public String getEntity() {
        return entity;
    }

    public void setEntity(String entity) {
        this.entity = entity;
    }

    public String getAttribute() {
        return attribute;
    }

    public void setAttribute(String attribute) {
        this.attribute = attribute;
    }

    public MaskingStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(MaskingStrategy strategy) {
        this.strategy = strategy;
    }
}
