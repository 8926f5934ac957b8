package dev.datamigration.api.v1alpha1;

/** How entity identifiers travel. */
public enum IdentityMode {
    /** Keep the source ids; identities are reseeded after the load. */
    Preserve,
    /** The target mints new ids and every reference is rewritten through a persistent id map. */
    Remap
}
