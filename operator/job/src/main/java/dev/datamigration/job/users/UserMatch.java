package dev.datamigration.job.users;

import dev.datamigration.engine.users.O11EndUser;
import dev.datamigration.engine.users.O11EndUsers;
import dev.datamigration.platform.EndUserDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * O11 end users matched to ODC users by e-mail, compared exactly but ignoring case (the Identity API's filter is a
 * substring match, so every ODC user is read and compared here). Only the ODC users some O11 user asks for are kept,
 * so memory follows the O11 users, not the ODC user pool. Users without an e-mail never match.
 *
 * @param keys      O11 user id -> ODC user key, in O11 id order
 * @param unmatched O11 users with no ODC user of the same e-mail, in id order
 */
public record UserMatch(Map<Long, String> keys, List<O11EndUser> unmatched) {

    private static final int PAGE = 100;

    /** Reads every ODC user once (read-only: GET calls only). */
    public static UserMatch of(List<O11EndUser> users, EndUserDirectory directory) {
        return of(users, directory, () -> { });
    }

    /**
     * {@link #of(List, EndUserDirectory)}, calling {@code everyPage} after every {@value #PAGE} ODC users read (a
     * large user pool takes minutes to list under the API's rate limit: the ledger holder renews its lease there).
     */
    public static UserMatch of(List<O11EndUser> users, EndUserDirectory directory, Runnable everyPage) {
        Map<String, String> wanted = new HashMap<>();
        for (O11EndUser user : users) {
            String email = O11EndUsers.matchKey(user);
            if (email != null) {
                wanted.put(email, null);
            }
        }
        long[] read = {0};
        directory.eachUser(odc -> {
            if (++read[0] % PAGE == 0) {
                everyPage.run();
            }
            String email = odc.email() == null ? null : odc.email().trim().toLowerCase(Locale.ROOT);
            // the first ODC user with the e-mail wins: listing order is stable, so every Job picks the same one
            if (email != null && wanted.containsKey(email) && wanted.get(email) == null) {
                wanted.put(email, odc.key());
            }
        });
        Map<Long, String> keys = new LinkedHashMap<>();
        List<O11EndUser> unmatched = new ArrayList<>();
        for (O11EndUser user : users) {
            String email = O11EndUsers.matchKey(user);
            String key = email == null ? null : wanted.get(email);
            if (key != null) {
                keys.put(user.id(), key);
            } else {
                unmatched.add(user);
            }
        }
        return new UserMatch(keys, List.copyOf(unmatched));
    }
}
