package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One platform operation of the run. The entry is written (state Requested) and persisted before the call, and
 * updated after it, so an operator restart neither repeats a call nor forgets one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlatformOperation {

    /** StopEnvironment, Undeploy or Redeploy. */
    private PlatformAction action;

    /** The environment stopped, or the target app undeployed or redeployed. */
    private String subject;

    /** Requested, Running, Succeeded or Failed. */
    private PlatformOperationState state;

    /** The platform's key of the operation, polled while it runs (also after an operator restart). */
    private String operationKey;

    /** RFC 3339 time the operation entered its state. */
    private String time;

    /** Why the operation failed, as the platform said. */
    private String message;

    /** Undeploy only: the app as it ran before, what its redeploy deploys again. */
    private DeploymentRecord deployment;

    public PlatformAction getAction() {
        return action;
    }

    public void setAction(PlatformAction action) {
        this.action = action;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public PlatformOperationState getState() {
        return state;
    }

    public void setState(PlatformOperationState state) {
        this.state = state;
    }

    public String getOperationKey() {
        return operationKey;
    }

    public void setOperationKey(String operationKey) {
        this.operationKey = operationKey;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public DeploymentRecord getDeployment() {
        return deployment;
    }

    public void setDeployment(DeploymentRecord deployment) {
        this.deployment = deployment;
    }
}
