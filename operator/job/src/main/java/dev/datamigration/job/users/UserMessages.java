package dev.datamigration.job.users;

import dev.datamigration.engine.users.O11EndUser;
import java.util.List;
import java.util.stream.Collectors;

/** Messages about end users: they name O11 user ids, never e-mails or names (those identify a person). */
final class UserMessages {

    private UserMessages() {
    }

    static String unmatchedFail(List<O11EndUser> unmatched) {
        return unmatched.size() + " end user(s) of the Users provider have no ODC user with the same e-mail"
                + " (users.unmatched: Fail): user ids " + ids(unmatched);
    }

    static String ids(List<O11EndUser> users) {
        return users.stream().map(u -> String.valueOf(u.id())).collect(Collectors.joining(", "));
    }
}
