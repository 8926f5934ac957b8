package dev.datamigration.api.v1alpha1;

/** What to do with a reference to a source user that has no target counterpart. */
public enum UnmatchedUsers {
    /** Fail the app with the unmatched user named. */
    Fail,
    /** Write NULL into the reference and report it. */
    SetNull,
    /** Create the user in the target (ODC through the Identity API). */
    Create
}
