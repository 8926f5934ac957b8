package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * What an existingData Sync did: key ranges compared (every bisection level counts) and rewritten (the smallest ranges
 * that held a differing row), and rows inserted, updated and deleted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncStats {

    /** Key ranges whose hashes were compared. */
    private Long rangesCompared;

    /** Key ranges that held at least one differing row and were rewritten. */
    private Long rangesRewritten;

    /** Rows only in the source, inserted. */
    private Long rowsInserted;

    /** Rows that differed, updated (with the rows whose deferred reference was set). */
    private Long rowsUpdated;

    /** Rows only in the target, deleted. */
    private Long rowsDeleted;

    public SyncStats() {
    }

    public SyncStats(long rangesCompared, long rangesRewritten, long rowsInserted, long rowsUpdated,
                     long rowsDeleted) {
        this.rangesCompared = rangesCompared;
        this.rangesRewritten = rangesRewritten;
        this.rowsInserted = rowsInserted;
        this.rowsUpdated = rowsUpdated;
        this.rowsDeleted = rowsDeleted;
    }

    public Long getRangesCompared() {
        return rangesCompared;
    }

    public void setRangesCompared(Long rangesCompared) {
        this.rangesCompared = rangesCompared;
    }

    public Long getRangesRewritten() {
        return rangesRewritten;
    }

    public void setRangesRewritten(Long rangesRewritten) {
        this.rangesRewritten = rangesRewritten;
    }

    public Long getRowsInserted() {
        return rowsInserted;
    }

    public void setRowsInserted(Long rowsInserted) {
        this.rowsInserted = rowsInserted;
    }

    public Long getRowsUpdated() {
        return rowsUpdated;
    }

    public void setRowsUpdated(Long rowsUpdated) {
        this.rowsUpdated = rowsUpdated;
    }

    public Long getRowsDeleted() {
        return rowsDeleted;
    }

    public void setRowsDeleted(Long rowsDeleted) {
        this.rowsDeleted = rowsDeleted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncStats s && Objects.equals(rangesCompared, s.rangesCompared)
                && Objects.equals(rangesRewritten, s.rangesRewritten) && Objects.equals(rowsInserted, s.rowsInserted)
                && Objects.equals(rowsUpdated, s.rowsUpdated) && Objects.equals(rowsDeleted, s.rowsDeleted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rangesCompared, rangesRewritten, rowsInserted, rowsUpdated, rowsDeleted);
    }

    @Override
    public String toString() {
        return "SyncStats{rangesCompared=" + rangesCompared + ", rangesRewritten=" + rangesRewritten
                + ", rowsInserted=" + rowsInserted + ", rowsUpdated=" + rowsUpdated + ", rowsDeleted=" + rowsDeleted
                + "}";
    }
}
