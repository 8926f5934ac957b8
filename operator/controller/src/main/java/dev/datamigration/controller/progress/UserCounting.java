package dev.datamigration.controller.progress;

import dev.datamigration.api.task.UserCounts;
import dev.datamigration.api.v1alpha1.UserCountsStatus;

/**
 * {@code status.users} from the Jobs' reports. The plan gives the first picture (matched, and setNull with
 * {@code unmatched: SetNull}); each copy Job then reports the migration's counts as it resolved them (the ledger the
 * copy Jobs share counts every created user once), and the status keeps, per count, the highest value seen: counts
 * never go backwards when a retried pod starts its progress afresh.
 */
public final class UserCounting {

    private UserCounting() {
    }

    /** The status entry after the plan, or null when the plan has no end users step. */
    public static UserCountsStatus fromPlan(UserCounts plan) {
        return plan == null ? null : new UserCountsStatus(plan.getMatched(), 0L, plan.getSetNull());
    }

    /** {@code current} updated with one copy Job's report (either may be null). */
    public static UserCountsStatus merge(UserCountsStatus current, UserCounts reported) {
        if (reported == null) {
            return current;
        }
        if (current == null) {
            return new UserCountsStatus(reported.getMatched(), reported.getCreated(), reported.getSetNull());
        }
        return new UserCountsStatus(max(current.getMatched(), reported.getMatched()),
                max(current.getCreated(), reported.getCreated()), max(current.getSetNull(), reported.getSetNull()));
    }

    private static Long max(Long current, long reported) {
        return current == null ? reported : Math.max(current, reported);
    }
}
