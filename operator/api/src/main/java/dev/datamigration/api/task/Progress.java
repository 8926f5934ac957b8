package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** progress.json in a Job's progress ConfigMap: written by the copier, aggregated by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Progress {

    /** The application. */
    private String app;

    /** Overall state of the Job. */
    private JobState state;

    /** One entry per entity in copy order. */
    private List<EntityProgress> entities;

    /** Failure cause naming the entity, or a summary. */
    private String message;

    /** End users into ODC (ODC targets with users.match Email): the migration's counts as this Job saw them. */
    private UserCounts users;

    /** RFC 3339 time of this write. */
    private String updatedAt;

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public JobState getState() {
        return state;
    }

    public void setState(JobState state) {
        this.state = state;
    }

    public List<EntityProgress> getEntities() {
        return entities;
    }

    public void setEntities(List<EntityProgress> entities) {
        this.entities = entities;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public UserCounts getUsers() {
        return users;
    }

    public void setUsers(UserCounts users) {
        this.users = users;
    }
}
