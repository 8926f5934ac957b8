package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entity in the plan. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlannedEntity {

    /** Entity name. */
    private String name;

    /** Module name. */
    private String module;

    /** Physical table in the source. */
    private String sourceTable;

    /** Physical table in the target. */
    private String targetTable;

    /** Rows in the source when planned. */
    private Long estimatedRows;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getModule() {
        return module;
    }

    public void setModule(String module) {
        this.module = module;
    }

    public String getSourceTable() {
        return sourceTable;
    }

    public void setSourceTable(String sourceTable) {
        this.sourceTable = sourceTable;
    }

    public String getTargetTable() {
        return targetTable;
    }

    public void setTargetTable(String targetTable) {
        this.targetTable = targetTable;
    }

    public Long getEstimatedRows() {
        return estimatedRows;
    }

    public void setEstimatedRows(Long estimatedRows) {
        this.estimatedRows = estimatedRows;
    }
}
