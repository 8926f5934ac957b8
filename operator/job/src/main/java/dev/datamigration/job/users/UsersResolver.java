package dev.datamigration.job.users;

import dev.datamigration.api.task.UserCounts;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.users.EmailCheck;
import dev.datamigration.engine.users.MappedOdcUserKeys;
import dev.datamigration.engine.users.O11EndUser;
import dev.datamigration.engine.users.O11EndUsers;
import dev.datamigration.platform.EndUserDirectory;
import dev.datamigration.platform.EndUserDirectory.BulkCreate;
import dev.datamigration.platform.EndUserDirectory.BulkItem;
import dev.datamigration.platform.EndUserDirectory.NewUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The copy Job's part of the end users into ODC: the ODC user key of every O11 end user, created first when
 * {@code users.unmatched: Create}. Creation happens while holding the migration's {@link UserLedger}, after reading
 * the ODC users afresh, so a second run or a concurrent app Job finds the users created before and never creates
 * one twice. Users go in bulk (at most 100 per operation), each operation polled until it has finished; the HTTP
 * layer waits out 429 answers as Retry-After says. Inactive O11 users are created inactive. Existing ODC users are
 * only read. A user not resolved (SetNull) and a user of another provider get no key: their references become NULL.
 */
public final class UsersResolver {

    /** Marks a bulk create that was being sent when its holder stopped: its key was never recorded. */
    static final String POSTING = "posting";

    /** The keys for the copy and the migration's counts as this Job sees them. */
    public record Result(MappedOdcUserKeys keys, UserCounts counts) {
    }

    private final EndUserDirectory directory;
    private final UserLedger ledger;
    private final Duration pollInterval;
    private final Duration maxPolling;

    /**
     * @param pollInterval pause between two polls of a bulk create
     * @param maxPolling   a bulk create not finished after this long fails the Job (transient: a retry waits for it)
     */
    public UsersResolver(EndUserDirectory directory, UserLedger ledger, Duration pollInterval, Duration maxPolling) {
        this.directory = directory;
        this.ledger = ledger;
        this.pollInterval = pollInterval;
        this.maxPolling = maxPolling;
    }

    public Result resolve(List<O11EndUser> users, UnmatchedUsers policy) throws InterruptedException {
        List<String> problems = EmailCheck.problems(users);
        if (!problems.isEmpty()) {
            // the plan checked this; the source changed since
            throw MigrationException.permanent("end users cannot be matched into ODC by e-mail: "
                    + String.join("; ", problems));
        }
        if (policy != UnmatchedUsers.Create) {
            UserMatch match = UserMatch.of(users, directory);
            if (policy == UnmatchedUsers.Fail && !match.unmatched().isEmpty()) {
                throw MigrationException.permanent(UserMessages.unmatchedFail(match.unmatched()));
            }
            long setNull = policy == UnmatchedUsers.SetNull ? match.unmatched().size() : 0;
            return new Result(new MappedOdcUserKeys(match.keys()),
                    new UserCounts(match.keys().size(), 0, setNull, null));
        }
        try (UserLedger.Held held = ledger.acquire()) {
            awaitPending(held);
            UserMatch match = UserMatch.of(users, directory, held::renew);
            Map<Long, String> keys = new LinkedHashMap<>(match.keys());
            keys.putAll(create(match.unmatched(), held));
            long created = held.created();
            return new Result(new MappedOdcUserKeys(keys),
                    new UserCounts(Math.max(0, keys.size() - created), created, 0, null));
        }
    }

    /** A holder before this one stopped while a bulk create was in flight: let it finish before reading users. */
    private void awaitPending(UserLedger.Held held) throws InterruptedException {
        String pending = held.pendingOperation();
        if (pending == null) {
            return;
        }
        if (POSTING.equals(pending)) {
            // the operation's key was never recorded: give a possibly accepted request time to finish
            held.renew();
            Thread.sleep(maxPolling.toMillis());
        } else {
            poll(pending, held);
        }
        held.setPendingOperation(null);
    }

    /** Creates the users in bulk; returns O11 id -> new ODC key. */
    private Map<Long, String> create(List<O11EndUser> missing, UserLedger.Held held) throws InterruptedException {
        Map<Long, String> keys = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (int from = 0; from < missing.size(); from += EndUserDirectory.BULK_LIMIT) {
            List<O11EndUser> chunk = missing.subList(from, Math.min(missing.size(), from + EndUserDirectory.BULK_LIMIT));
            held.setPendingOperation(POSTING);
            String operation = directory.startBulkCreate(chunk.stream()
                    .map(u -> new NewUser(u.email().trim(), displayName(u), u.active())).toList());
            held.setPendingOperation(operation);
            BulkCreate done = poll(operation, held);
            held.setPendingOperation(null);
            Map<String, BulkItem> byEmail = new HashMap<>();
            done.items().forEach(i -> byEmail.put(i.email() == null ? "" : i.email().trim().toLowerCase(Locale.ROOT),
                    i));
            long created = 0;
            for (O11EndUser user : chunk) {
                BulkItem item = byEmail.get(O11EndUsers.matchKey(user));
                if (item != null && item.created() && item.key() != null) {
                    keys.put(user.id(), item.key());
                    created++;
                } else {
                    failures.add("user id " + user.id() + ": " + (item == null
                            ? (done.error() != null ? done.error() : "not in the operation's result")
                            : item.error()));
                }
            }
            held.addCreated(created);
        }
        if (!failures.isEmpty()) {
            throw MigrationException.permanent("ODC did not create " + failures.size() + " end user(s): "
                    + String.join("; ", failures));
        }
        return keys;
    }

    private BulkCreate poll(String operation, UserLedger.Held held) throws InterruptedException {
        long deadline = System.nanoTime() + maxPolling.toNanos();
        while (true) {
            held.renew();
            BulkCreate state = directory.bulkCreate(operation);
            if (state.isDone()) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new MigrationException("ODC bulk user operation " + operation + " did not finish within "
                        + maxPolling.toSeconds() + " s (state " + state.state() + ")", false);
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    /** ODC needs a name: the O11 name, else the username. */
    private static String displayName(O11EndUser user) {
        return user.name() != null && !user.name().isBlank() ? user.name() : user.username();
    }
}
