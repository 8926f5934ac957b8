package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One application in the plan. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlannedApp {

    /** Application name. */
    private String name;

    /** 0-based dependency wave. */
    private Integer wave;

    /** In-scope apps whose entities this app references. */
    private List<String> dependsOn;

    /** Entities in load order. */
    private List<PlannedEntity> entities;

    /** Attributes the copy masks in flight, as Entity.Attribute (Strategy); empty when none. */
    private List<String> maskedAttributes;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getWave() {
        return wave;
    }

    public void setWave(Integer wave) {
        this.wave = wave;
    }

    public List<String> getDependsOn() {
        return dependsOn;
    }

    public void setDependsOn(List<String> dependsOn) {
        this.dependsOn = dependsOn;
    }

    public List<PlannedEntity> getEntities() {
        return entities;
    }

    public void setEntities(List<PlannedEntity> entities) {
        this.entities = entities;
    }

    public List<String> getMaskedAttributes() {
        return maskedAttributes;
    }

    public void setMaskedAttributes(List<String> maskedAttributes) {
        this.maskedAttributes = maskedAttributes;
    }
}
