package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Settings of the copy Jobs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CopierSpec {

    /** Copier image; defaults to the operator's own image. */
    private String image;

    /** Copy pod resources. */
    private ResourceRequirements resources;

    /** Rows per source fetch, between progress reports and per second-pass batch (the memory bound); each entity commits as one transaction. */
    @Default("10000")
    @Min(100)
    @Max(1000000)
    private Integer batchSize = 10000;

    /**
     * Parallel streams per large entity: key ranges of its identifier, each read on its own source connection and
     * (PostgreSQL targets) written with a COPY on its own target connection; the streams commit together once all
     * have loaded, and the entity's verification reads it back in the same ranges. Worth more than 1 when the
     * databases have idle cores.
     */
    @Default("1")
    @Min(1)
    @Max(8)
    private Integer streams = 1;

    /**
     * Entities of one app copied at once within its copy Job, each on its own source and target connection and in
     * its own transaction. Only entities with nothing between them run together: an entity waits for the entities
     * it references and for those whose second passes touch its table. Each extra entity opens one more connection
     * on each database.
     */
    @Default("1")
    @Min(1)
    @Max(8)
    private Integer concurrentEntities = 1;

    /** Upper bound for one copy Job. */
    @Default("21600")
    @Min(60)
    private Long activeDeadlineSeconds = 21600L;

    /** Retries of a copy Job after a transient failure. */
    @Default("3")
    @Min(0)
    @Max(20)
    private Integer backoffLimit = 3;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Integer getStreams() {
        return streams;
    }

    public void setStreams(Integer streams) {
        this.streams = streams;
    }

    public Integer getConcurrentEntities() {
        return concurrentEntities;
    }

    public void setConcurrentEntities(Integer concurrentEntities) {
        this.concurrentEntities = concurrentEntities;
    }

    public Long getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }

    public Integer getBackoffLimit() {
        return backoffLimit;
    }

    public void setBackoffLimit(Integer backoffLimit) {
        this.backoffLimit = backoffLimit;
    }
}
