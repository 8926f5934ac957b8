package dev.datamigration.job.users;

import dev.datamigration.api.task.UserCounts;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.engine.users.EmailCheck;
import dev.datamigration.engine.users.O11EndUser;
import dev.datamigration.platform.EndUserDirectory;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's part of the end users into ODC, read-only (before any downtime, without any platform write): every
 * end user needs a valid, unique e-mail, and with {@code users.unmatched: Fail} every one needs an ODC user with the
 * same e-mail. All problems are returned at once; the counts say what the copy will do.
 */
public final class UsersPlanCheck {

    /** The plan errors (empty when the users are fine) and the counts for plan.json. */
    public record Result(List<String> errors, UserCounts counts) {
    }

    private UsersPlanCheck() {
    }

    public static Result check(List<O11EndUser> users, UnmatchedUsers unmatchedPolicy, EndUserDirectory directory) {
        List<String> errors = new ArrayList<>(EmailCheck.problems(users));
        UserMatch match = UserMatch.of(users, directory);
        List<O11EndUser> unmatched = match.unmatched();
        if (unmatchedPolicy == UnmatchedUsers.Fail && !unmatched.isEmpty()) {
            errors.add(UserMessages.unmatchedFail(unmatched));
        }
        UserCounts counts = new UserCounts(match.keys().size(), 0,
                unmatchedPolicy == UnmatchedUsers.SetNull ? unmatched.size() : 0,
                unmatchedPolicy == UnmatchedUsers.Create ? (long) unmatched.size() : null);
        return new Result(List.copyOf(errors), counts);
    }
}
