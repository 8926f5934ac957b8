package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What was done to the source environment. Intents are recorded before each platform call. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceStatus {

    /** The stop call was about to be made (recorded before the call). */
    private Boolean stopRequested;

    /** The source environment is stopped. */
    private Boolean environmentStopped;

    public Boolean getStopRequested() {
        return stopRequested;
    }

    public void setStopRequested(Boolean stopRequested) {
        this.stopRequested = stopRequested;
    }

    public Boolean getEnvironmentStopped() {
        return environmentStopped;
    }

    public void setEnvironmentStopped(Boolean environmentStopped) {
        this.environmentStopped = environmentStopped;
    }
}
