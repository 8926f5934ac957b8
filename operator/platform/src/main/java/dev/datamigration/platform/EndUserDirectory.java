package dev.datamigration.platform;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * End users of a target platform that can be listed, looked up and created (ODC: Identity API {@code /users}). A
 * migration into ODC matches source users to ODC users by e-mail and creates missing ones when the spec says
 * {@code unmatched: Create}. Existing users are never changed or deleted: nothing here updates or deletes one. O11
 * has no public API for end users, so only the ODC client implements this.
 */
public interface EndUserDirectory {

    /** At most this many users per {@link #startBulkCreate} (the Identity API's limit). */
    int BULK_LIMIT = 100;

    /** The user whose e-mail equals {@code email} ignoring case, if any. */
    Optional<EndUser> findByEmail(String email);

    /** Every end user the API client can see, page by page (the caller keeps what it needs, not the pages). */
    void eachUser(Consumer<EndUser> consumer);

    /**
     * The user with this e-mail, created with {@code name} and {@code active} when missing; an existing user is
     * returned as it is. Safe to repeat: a repeat finds the user created by the first call.
     */
    EndUser findOrCreate(String email, String name, boolean active);

    /** Starts creating 1 to {@link #BULK_LIMIT} users; returns the operation key to poll with {@link #bulkCreate}. */
    String startBulkCreate(List<NewUser> users);

    /** The state of a bulk create; its items are known once it has finished. */
    BulkCreate bulkCreate(String operationKey);

    /** An end user. {@code key} is the platform's user key (ODC: a UUID string). */
    record EndUser(String key, String email, String name, boolean active) {
    }

    /** A user to create. */
    record NewUser(String email, String name, boolean active) {
    }

    /** A bulk create: its state and, once finished, one item per requested user. */
    record BulkCreate(String key, BulkState state, String error, List<BulkItem> items) {

        public boolean isDone() {
            return state == BulkState.Finished || state == BulkState.FinishedWithErrors;
        }
    }

    /** The Identity API's bulk states. */
    enum BulkState {
        Pending,
        Processing,
        Finished,
        FinishedWithErrors
    }

    /** One user of a bulk create: {@code created} with its key, or not with the platform's error. */
    record BulkItem(String email, boolean created, String key, String error) {
    }
}
