package dev.datamigration.engine.copy;

/**
 * How an app is copied. Only {@code replace} with preserved identities is supported so far; the copier refuses the
 * other combinations with a clear error before touching anything.
 *
 * @param replaceExistingData true for existingData Replace (wipe first), false for Append
 * @param preserveIdentity    true for identity Preserve, false for Remap
 * @param unmatchedUsers      what to do with a reference to a user that has no target user
 * @param batchSize           rows per fetch, between progress reports and per second-pass batch (the memory bound)
 * @param streams             parallel source read streams for one large entity (key ranges over the identifier,
 *                            each on its own source connection); 1 reads on the copy's own connection
 */
public record CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                          int batchSize, int streams) {

    /** Policy for references to users without a target user of the same username and tenant. */
    public enum UnmatchedUsers { FAIL, SET_NULL, CREATE }

    public CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                       int batchSize) {
        this(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, 1);
    }

    public static CopyOptions defaults() {
        return new CopyOptions(true, true, UnmatchedUsers.FAIL, 10_000, 1);
    }

    public CopyOptions withUnmatchedUsers(UnmatchedUsers policy) {
        return new CopyOptions(replaceExistingData, preserveIdentity, policy, batchSize, streams);
    }

    public CopyOptions withBatchSize(int size) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, size, streams);
    }

    public CopyOptions withStreams(int count) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, count);
    }
}
