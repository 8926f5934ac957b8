package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** What was done to the target apps. Intents are recorded before each platform call. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetStatus {

    /** Apps whose undeploy call was about to be made. */
    private List<String> undeployRequested;

    /** Apps confirmed undeployed by this run. */
    private List<String> undeployedApps;

    /** Apps whose redeploy call was about to be made. */
    private List<String> redeployRequested;

    /** Apps confirmed redeployed. */
    private List<String> redeployedApps;

    /** Pending platform operation keys by app, for polling after a restart. */
    private Map<String,String> operations;

    public List<String> getUndeployRequested() {
        return undeployRequested;
    }

    public void setUndeployRequested(List<String> undeployRequested) {
        this.undeployRequested = undeployRequested;
    }

    public List<String> getUndeployedApps() {
        return undeployedApps;
    }

    public void setUndeployedApps(List<String> undeployedApps) {
        this.undeployedApps = undeployedApps;
    }

    public List<String> getRedeployRequested() {
        return redeployRequested;
    }

    public void setRedeployRequested(List<String> redeployRequested) {
        this.redeployRequested = redeployRequested;
    }

    public List<String> getRedeployedApps() {
        return redeployedApps;
    }

    public void setRedeployedApps(List<String> redeployedApps) {
        this.redeployedApps = redeployedApps;
    }

    public Map<String,String> getOperations() {
        return operations;
    }

    public void setOperations(Map<String,String> operations) {
        this.operations = operations;
    }
}
