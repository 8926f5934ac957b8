package dev.datamigration.api.v1alpha1;

/** The key that pairs a source user with a target user. */
public enum UserMatch {
    Username,
    Email
}
