package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** plan.json: what the plan Job found. Read-only; the operator derives entity totals and app waves from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanReport {

    /** Apps in copy order. */
    private List<PlannedApp> apps;

    /** Differences that do not stop the run (source-only attributes, dangling references, ...). */
    private List<String> warnings;

    /** Problems that stop the run (unknown app, mandatory cycle, ...). */
    private List<String> errors;

    /** End users into ODC (ODC targets with users.match Email): the migration's counts as this Job saw them. */
    private UserCounts users;

    public List<PlannedApp> getApps() {
        return apps;
    }

    public void setApps(List<PlannedApp> apps) {
        this.apps = apps;
    }

    public List<String> getWarnings() {
        return warnings;
    }

    public void setWarnings(List<String> warnings) {
        this.warnings = warnings;
    }

    public List<String> getErrors() {
        return errors;
    }

    public void setErrors(List<String> errors) {
        this.errors = errors;
    }

    public UserCounts getUsers() {
        return users;
    }

    public void setUsers(UserCounts users) {
        this.users = users;
    }
}
