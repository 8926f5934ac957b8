package dev.datamigration.engine.users;

import java.util.Optional;

/**
 * ODC user keys of O11 end users, resolved before an app's entities load into an ODC stage: a user reference
 * column of an ODC target holds the ODC user key (text) instead of the O11 integer user id.
 */
public interface OdcUserKeys {

    /** The ODC user key that replaces O11 user id {@code o11UserId}, or empty when the reference becomes NULL. */
    Optional<String> keyOf(long o11UserId);
}
