package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * End users of an ODC migration with users.match Email, each O11 end user (Users provider, active and inactive)
 * counted once for the migration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UserCountsStatus {

    /** O11 end users matched by e-mail to an ODC user that existed before the migration. */
    private Long matched;

    /** O11 end users the migration created in ODC (users.unmatched Create). */
    private Long created;

    /** O11 end users without an ODC user whose references are written as NULL (users.unmatched SetNull). */
    private Long setNull;

    public UserCountsStatus() {
    }

    public UserCountsStatus(Long matched, Long created, Long setNull) {
        this.matched = matched;
        this.created = created;
        this.setNull = setNull;
    }

    public Long getMatched() {
        return matched;
    }

    public void setMatched(Long matched) {
        this.matched = matched;
    }

    public Long getCreated() {
        return created;
    }

    public void setCreated(Long created) {
        this.created = created;
    }

    public Long getSetNull() {
        return setNull;
    }

    public void setSetNull(Long setNull) {
        this.setNull = setNull;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserCountsStatus u && Objects.equals(matched, u.matched)
                && Objects.equals(created, u.created) && Objects.equals(setNull, u.setNull);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matched, created, setNull);
    }

    @Override
    public String toString() {
        return "UserCountsStatus[matched=" + matched + ", created=" + created + ", setNull=" + setNull + "]";
    }
}
