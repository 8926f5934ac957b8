package dev.datamigration.engine.copy;

/**
 * How an app is copied. Only {@code replace} with preserved identities is supported so far; the copier refuses the
 * other combinations with a clear error before touching anything.
 *
 * @param replaceExistingData true for existingData Replace (wipe first), false for Append
 * @param preserveIdentity    true for identity Preserve, false for Remap
 * @param unmatchedUsers      what to do with a reference to a user that has no target counterpart
 * @param batchSize           rows between progress reports and second-pass batches (the memory bound)
 */
public record CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                          int batchSize) {

    /** Policy for references to users without a target user of the same username and tenant. */
    public enum UnmatchedUsers { FAIL, SET_NULL, CREATE }

    public static CopyOptions defaults() {
        return new CopyOptions(true, true, UnmatchedUsers.FAIL, 10_000);
    }

    public CopyOptions withUnmatchedUsers(UnmatchedUsers policy) {
        return new CopyOptions(replaceExistingData, preserveIdentity, policy, batchSize);
    }

    public CopyOptions withBatchSize(int size) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, size);
    }
}
