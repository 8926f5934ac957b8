package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Row counts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RowCounts {

    /** Rows copied so far: rows of entities whose load has committed (a load in progress counts once it commits). */
    private Long copied;

    /** Rows estimated by the plan. */
    private Long estimated;

    public Long getCopied() {
        return copied;
    }

    public void setCopied(Long copied) {
        this.copied = copied;
    }

    public Long getEstimated() {
        return estimated;
    }

    public void setEstimated(Long estimated) {
        this.estimated = estimated;
    }
}
