package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.datamigration.api.v1alpha1.SyncStats;

/** The progress of one entity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EntityProgress {

    /** Entity name. */
    private String name;

    /** Pending, Copying, Copied, Verified or Failed. */
    private EntityState state;

    /** Rows in the source. */
    private Long sourceRows;

    /**
     * Rows sent so far while Copying (in the load's open transaction); from Copied on, the rows the committed load
     * wrote; 0 when the load failed and rolled back.
     */
    private Long copiedRows;

    /** Content hash after verification. */
    private String hash;

    /** Time spent on the entity. */
    private Long ms;

    /** Why it failed. */
    private String message;

    /** With existingData Sync, once the entity's Sync committed: what it compared and changed. */
    private SyncStats sync;

    public SyncStats getSync() {
        return sync;
    }

    public void setSync(SyncStats sync) {
        this.sync = sync;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public EntityState getState() {
        return state;
    }

    public void setState(EntityState state) {
        this.state = state;
    }

    public Long getSourceRows() {
        return sourceRows;
    }

    public void setSourceRows(Long sourceRows) {
        this.sourceRows = sourceRows;
    }

    public Long getCopiedRows() {
        return copiedRows;
    }

    public void setCopiedRows(Long copiedRows) {
        this.copiedRows = copiedRows;
    }

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = hash;
    }

    public Long getMs() {
        return ms;
    }

    public void setMs(Long ms) {
        this.ms = ms;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
