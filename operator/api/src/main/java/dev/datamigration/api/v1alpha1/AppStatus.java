package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The state of one application's copy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppStatus {

    /** Application name. */
    private String name;

    /** Pending, Running, Succeeded, Failed or Cancelled. */
    private AppPhase phase;

    /** The copy Job's name. */
    private String job;

    /** Dependency wave: apps of wave n run after every app of wave n-1. */
    private Integer wave;

    /** ODC targets: the ODC app (asset) in the stage that receives this O11 app's data. */
    private String odcApp;

    /** Entity counts of this app. */
    private EntityCounts entities;

    /** Rows copied for this app: rows of its entities whose load has committed. */
    private Long rows;

    /** Names of the entities copied and verified. */
    private List<String> migratedEntities;

    /** Attributes masked in flight in this app's copy, as Entity.Attribute (Strategy). */
    private List<String> maskedAttributes;

    /** Why it failed, naming the entity and cause. */
    private String message;

    /**
     * With existingData Sync: the sums over the app's synced entities (the progress document has them per entity).
     */
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

    public AppPhase getPhase() {
        return phase;
    }

    public void setPhase(AppPhase phase) {
        this.phase = phase;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public Integer getWave() {
        return wave;
    }

    public void setWave(Integer wave) {
        this.wave = wave;
    }

    public EntityCounts getEntities() {
        return entities;
    }

    public void setEntities(EntityCounts entities) {
        this.entities = entities;
    }

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public List<String> getMigratedEntities() {
        return migratedEntities;
    }

    public void setMigratedEntities(List<String> migratedEntities) {
        this.migratedEntities = migratedEntities;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public List<String> getMaskedAttributes() {
        return maskedAttributes;
    }

    public void setMaskedAttributes(List<String> maskedAttributes) {
        this.maskedAttributes = maskedAttributes;
    }

    public String getOdcApp() {
        return odcApp;
    }

    public void setOdcApp(String odcApp) {
        this.odcApp = odcApp;
    }
}
