package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

/** How references to users are matched between source and target. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UsersSpec {

    /** Username (+ tenant) for O11 targets; Email for ODC targets. */
    @Default("Username")
    private UserMatch match = UserMatch.Username;

    /** Fail, SetNull or Create. */
    @Default("Fail")
    private UnmatchedUsers unmatched = UnmatchedUsers.Fail;

    public UserMatch getMatch() {
        return match;
    }

    public void setMatch(UserMatch match) {
        this.match = match;
    }

    public UnmatchedUsers getUnmatched() {
        return unmatched;
    }

    public void setUnmatched(UnmatchedUsers unmatched) {
        this.unmatched = unmatched;
    }
}
