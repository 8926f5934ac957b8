package dev.datamigration.platform;

import java.util.Optional;

/**
 * End users of a target platform that can be looked up and created (ODC: Identity API {@code /users}). The users
 * step of a migration into ODC matches source users to ODC users by e-mail and creates missing ones when the spec
 * says {@code unmatched: Create}. O11 has no public API for end users, so only the ODC client implements this.
 */
public interface EndUserDirectory {

    /** The user whose e-mail equals {@code email} ignoring case, if any. */
    Optional<EndUser> findByEmail(String email);

    /**
     * The user with this e-mail, created (active) when missing, its name updated when it differs. Safe to repeat:
     * a repeat finds the user created by the first call.
     */
    EndUser upsert(String email, String name);

    /** An end user. {@code key} is the platform's user key (ODC: a UUID string). */
    record EndUser(String key, String email, String name, boolean active) {
    }
}
