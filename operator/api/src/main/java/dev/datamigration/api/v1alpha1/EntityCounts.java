package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Entity counts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EntityCounts {

    /** Entities in scope. */
    private Integer total;

    /** Entities copied and verified. */
    private Integer migrated;

    /** Entities that failed. */
    private Integer failed;

    public Integer getTotal() {
        return total;
    }

    public void setTotal(Integer total) {
        this.total = total;
    }

    public Integer getMigrated() {
        return migrated;
    }

    public void setMigrated(Integer migrated) {
        this.migrated = migrated;
    }

    public Integer getFailed() {
        return failed;
    }

    public void setFailed(Integer failed) {
        this.failed = failed;
    }
}
