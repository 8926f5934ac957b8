package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state. Conditions are the source of truth; phase is derived from them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataMigrationStatus {

    /** The spec generation this status describes. */
    private Long observedGeneration;

    /** Derived from conditions; never left once terminal. */
    private Phase phase;

    /** RFC 3339 time the run started. */
    private String startedAt;

    /** RFC 3339 time a terminal phase was reached. */
    private String completedAt;

    /** Run time so far, e.g. 12m03s. */
    private String elapsed;

    /** Entities migrated/total, e.g. 25/40. */
    private String progress;

    /** Entity totals over all apps. */
    private EntityCounts entities;

    /** Row totals over all apps. */
    private RowCounts rows;

    /** End users into ODC (ODC targets with users.match Email): matched, created, setNull. */
    private UserCountsStatus users;

    /**
     * The platform operations of the run in the order they were requested: stopping the source environment,
     * undeploying and redeploying target apps.
     */
    private List<PlatformOperation> operations;

    /** The source's downtime with source.downtime StopAfterCopy: when it was stopped, for how long, catch-up rows. */
    private SourceStatus source;

    /** One entry per application. */
    private List<AppStatus> apps;

    /** Standard conditions: the source of truth. */
    private List<Condition> conditions;

    /** One sentence a human can act on. */
    private String message;

    /** Hash of the spec the run started with; a later edit is refused. */
    private String specHash;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(String completedAt) {
        this.completedAt = completedAt;
    }

    public String getElapsed() {
        return elapsed;
    }

    public void setElapsed(String elapsed) {
        this.elapsed = elapsed;
    }

    public String getProgress() {
        return progress;
    }

    public void setProgress(String progress) {
        this.progress = progress;
    }

    public EntityCounts getEntities() {
        return entities;
    }

    public void setEntities(EntityCounts entities) {
        this.entities = entities;
    }

    public RowCounts getRows() {
        return rows;
    }

    public void setRows(RowCounts rows) {
        this.rows = rows;
    }

    public List<PlatformOperation> getOperations() {
        return operations;
    }

    public void setOperations(List<PlatformOperation> operations) {
        this.operations = operations;
    }

    public List<AppStatus> getApps() {
        return apps;
    }

    public void setApps(List<AppStatus> apps) {
        this.apps = apps;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getSpecHash() {
        return specHash;
    }

    public void setSpecHash(String specHash) {
        this.specHash = specHash;
    }

    public UserCountsStatus getUsers() {
        return users;
    }

    public void setUsers(UserCountsStatus users) {
        this.users = users;
    }

    public SourceStatus getSource() {
        return source;
    }

    public void setSource(SourceStatus source) {
        this.source = source;
    }
}
