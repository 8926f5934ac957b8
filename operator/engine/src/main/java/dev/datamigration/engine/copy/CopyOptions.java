package dev.datamigration.engine.copy;

import dev.datamigration.engine.dialect.LoadPath;
import dev.datamigration.engine.mask.MaskingSpec;

/**
 * How an app is copied. Only {@code replace} with preserved identities is supported so far; the copier refuses the
 * other combinations with a clear error before touching anything.
 *
 * @param replaceExistingData true for existingData Replace (wipe first), false for Append
 * @param preserveIdentity    true for identity Preserve, false for Remap
 * @param unmatchedUsers      what to do with a reference to a user that has no target user
 * @param batchSize           rows per fetch, between progress reports and per second-pass batch (the memory bound)
 * @param streams             parallel streams for one large entity (key ranges over the identifier, each read on its
 *                            own source connection and, when the target can take it, written on its own target
 *                            connection); 1 reads on the copy's own connection
 * @param concurrentEntities  entities of the app loaded or verified at once, each on its own source and target
 *                            connection, when nothing orders them (no reference between them, no shared table); 1
 *                            copies them one after the other on the copy's own connections
 * @param masking             the attributes masked in flight and the key of the keyed strategies
 * @param sqlServerLoad       how a SQL Server target is loaded (bulk copy by default); other targets ignore it
 * @param syncExistingData    existingData Sync: with {@code replaceExistingData}, the target ends as Replace leaves it,
 *                            but only the key ranges that differ are rewritten ({@link dev.datamigration.engine.sync})
 */
public record CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                          int batchSize, int streams, int concurrentEntities, MaskingSpec masking,
                          LoadPath sqlServerLoad, boolean syncExistingData) {

    /** Policy for references to users without a target user of the same username and tenant. */
    public enum UnmatchedUsers { FAIL, SET_NULL, CREATE }

    public CopyOptions {
        masking = masking == null ? MaskingSpec.NONE : masking;
        sqlServerLoad = sqlServerLoad == null ? LoadPath.BULK_COPY : sqlServerLoad;
    }

    public CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                       int batchSize, int streams, int concurrentEntities, MaskingSpec masking, LoadPath sqlServerLoad) {
        this(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, streams, concurrentEntities, masking,
                sqlServerLoad, false);
    }

    public CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                       int batchSize, int streams, int concurrentEntities, MaskingSpec masking,
                       boolean syncExistingData) {
        this(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, streams, concurrentEntities, masking,
                LoadPath.BULK_COPY, syncExistingData);
    }

    public CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                       int batchSize, int streams, int concurrentEntities, MaskingSpec masking) {
        this(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, streams, concurrentEntities, masking,
                LoadPath.BULK_COPY, false);
    }

    public CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                       int batchSize, int streams, int concurrentEntities) {
        this(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, streams, concurrentEntities,
                MaskingSpec.NONE);
    }

    public CopyOptions(boolean replaceExistingData, boolean preserveIdentity, UnmatchedUsers unmatchedUsers,
                       int batchSize) {
        this(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, 1, 1);
    }

    public static CopyOptions defaults() {
        return new CopyOptions(true, true, UnmatchedUsers.FAIL, 10_000, 1, 1);
    }

    public CopyOptions withUnmatchedUsers(UnmatchedUsers policy) {
        return new CopyOptions(replaceExistingData, preserveIdentity, policy, batchSize, streams, concurrentEntities,
                masking, sqlServerLoad, syncExistingData);
    }

    public CopyOptions withBatchSize(int size) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, size, streams,
                concurrentEntities, masking, sqlServerLoad, syncExistingData);
    }

    public CopyOptions withStreams(int count) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, count,
                concurrentEntities, masking, sqlServerLoad, syncExistingData);
    }

    public CopyOptions withConcurrentEntities(int count) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, streams, count,
                masking, sqlServerLoad, syncExistingData);
    }

    public CopyOptions withMasking(MaskingSpec spec) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, streams,
                concurrentEntities, spec, sqlServerLoad, syncExistingData);
    }

    public CopyOptions withSqlServerLoad(LoadPath path) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, streams,
                concurrentEntities, masking, path, syncExistingData);
    }

    /** These options with existingData Sync ({@code true}) or Replace ({@code false}). */
    public CopyOptions withSync(boolean sync) {
        return new CopyOptions(replaceExistingData, preserveIdentity, unmatchedUsers, batchSize, streams,
                concurrentEntities, masking, sqlServerLoad, sync);
    }
}
