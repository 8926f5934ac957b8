package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The source environment's downtime of a two-pass cutover (source.downtime StopAfterCopy): set when the operator
 * has stopped the source after the bulk copy; the downtime runs until the catch-up pass has ended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceStatus {

    /** RFC 3339 time the platform confirmed the source environment stopped (after the bulk copy). */
    private String stoppedAt;

    /** How long the source was stopped until the catch-up pass ended, e.g. 42s or 3m05s (as status.elapsed). */
    private String downtime;

    /** Rows the catch-up pass changed in the target: inserted + updated + deleted, over all apps. */
    private Long catchUpRows;

    public String getStoppedAt() {
        return stoppedAt;
    }

    public void setStoppedAt(String stoppedAt) {
        this.stoppedAt = stoppedAt;
    }

    public String getDowntime() {
        return downtime;
    }

    public void setDowntime(String downtime) {
        this.downtime = downtime;
    }

    public Long getCatchUpRows() {
        return catchUpRows;
    }

    public void setCatchUpRows(Long catchUpRows) {
        this.catchUpRows = catchUpRows;
    }
}
