package dev.datamigration.api.v1alpha1;

/** What to do with the data the target apps already hold. */
public enum ExistingData {
    /** Delete the apps' target rows (reverse reference order, BPT event rows first) before loading. */
    Replace,
    /** Keep the target rows and add the source rows. Needs identity Remap to avoid key collisions. */
    Append,
    /**
     * Leave the target exactly as Replace would, but rewrite only the key ranges whose content differs from the source
     * rows as they would be written (compared range by range over the identifier); PostgreSQL targets.
     */
    Sync
}
