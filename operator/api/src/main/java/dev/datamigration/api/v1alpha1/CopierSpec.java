package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Settings of the copy Jobs. Bounds and defaults: {@link CopierLimits}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CopierSpec {

    /** Copier image; defaults to the operator's own image. */
    private String image;

    /** Copy pod resources. */
    private ResourceRequirements resources;

    /** Rows per source fetch, between progress reports and per second-pass batch (the memory bound); each entity commits as one transaction. */
    @Default(CopierLimits.BATCH_SIZE_DEFAULT_TEXT)
    @Min(CopierLimits.BATCH_SIZE_MIN)
    @Max(CopierLimits.BATCH_SIZE_MAX)
    private Integer batchSize = CopierLimits.BATCH_SIZE_DEFAULT;

    /**
     * Parallel streams per large entity: key ranges of its identifier, each read on its own source connection and
     * (PostgreSQL targets) written with a COPY on its own target connection; the streams commit together once all
     * have loaded, and the entity's verification reads it back in the same ranges. Worth more than 1 when the
     * databases have idle cores.
     */
    @Default(CopierLimits.STREAMS_DEFAULT_TEXT)
    @Min(CopierLimits.STREAMS_MIN)
    @Max(CopierLimits.STREAMS_MAX)
    private Integer streams = CopierLimits.STREAMS_DEFAULT;

    /**
     * Entities of one app copied at once within its copy Job, each on its own source and target connection and in
     * its own transaction. Only entities with nothing between them run together: an entity waits for the entities
     * it references and for those whose second passes touch its table. Each extra entity opens one more connection
     * on each database.
     */
    @Default(CopierLimits.CONCURRENT_ENTITIES_DEFAULT_TEXT)
    @Min(CopierLimits.CONCURRENT_ENTITIES_MIN)
    @Max(CopierLimits.CONCURRENT_ENTITIES_MAX)
    private Integer concurrentEntities = CopierLimits.CONCURRENT_ENTITIES_DEFAULT;

    /**
     * How a SQL Server target is loaded: BulkCopy (SQLServerBulkCopy, the fastest) or BatchInsert (batched INSERTs
     * with SET IDENTITY_INSERT). Applies only when the target database is SqlServer; BatchInsert with another target
     * is refused.
     */
    @Default("BulkCopy")
    private SqlServerLoad sqlServerLoad = SqlServerLoad.BulkCopy;

    /** Upper bound for one copy Job. */
    @Default(CopierLimits.ACTIVE_DEADLINE_SECONDS_DEFAULT_TEXT)
    @Min(CopierLimits.ACTIVE_DEADLINE_SECONDS_MIN)
    private Long activeDeadlineSeconds = CopierLimits.ACTIVE_DEADLINE_SECONDS_DEFAULT;

    /** Retries of a copy Job after a transient failure. */
    @Default(CopierLimits.BACKOFF_LIMIT_DEFAULT_TEXT)
    @Min(CopierLimits.BACKOFF_LIMIT_MIN)
    @Max(CopierLimits.BACKOFF_LIMIT_MAX)
    private Integer backoffLimit = CopierLimits.BACKOFF_LIMIT_DEFAULT;

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

    public SqlServerLoad getSqlServerLoad() {
        return sqlServerLoad;
    }

    public void setSqlServerLoad(SqlServerLoad sqlServerLoad) {
        this.sqlServerLoad = sqlServerLoad;
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
