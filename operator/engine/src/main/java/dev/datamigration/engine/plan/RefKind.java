package dev.datamigration.engine.plan;

/** How the value of a copied column is translated from source to target. */
public enum RefKind {
    /** Copied as is (plain attributes, references to in-scope entities: identifiers are preserved). */
    NONE,
    /** A reference to a static entity: source DATA_ID -> target DATA_ID through the record keys. */
    STATIC,
    /** A reference to ServiceCenter User: source user id -> target user id by username + tenant name. */
    USER,
    /** A tenant id (the hidden TENANT_ID column or a Tenant reference): by tenant name. */
    TENANT
}
