package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * O11 end users of a migration into ODC, each counted once for the migration: matched to an ODC user that existed
 * before, created by the migration, or unmatched with their references set to NULL. In plan.json, {@code toCreate}
 * is what the copy will create ({@code users.unmatched: Create}); {@code created} is then 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UserCounts {

    private long matched;
    private long created;
    private long setNull;
    private Long toCreate;

    public UserCounts() {
    }

    public UserCounts(long matched, long created, long setNull, Long toCreate) {
        this.matched = matched;
        this.created = created;
        this.setNull = setNull;
        this.toCreate = toCreate;
    }

    public long getMatched() {
        return matched;
    }

    public void setMatched(long matched) {
        this.matched = matched;
    }

    public long getCreated() {
        return created;
    }

    public void setCreated(long created) {
        this.created = created;
    }

    public long getSetNull() {
        return setNull;
    }

    public void setSetNull(long setNull) {
        this.setNull = setNull;
    }

    public Long getToCreate() {
        return toCreate;
    }

    public void setToCreate(Long toCreate) {
        this.toCreate = toCreate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserCounts u && matched == u.matched && created == u.created && setNull == u.setNull
                && java.util.Objects.equals(toCreate, u.toCreate);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(matched, created, setNull, toCreate);
    }

    @Override
    public String toString() {
        return "UserCounts[matched=" + matched + ", created=" + created + ", setNull=" + setNull
                + (toCreate == null ? "" : ", toCreate=" + toCreate) + "]";
    }
}
