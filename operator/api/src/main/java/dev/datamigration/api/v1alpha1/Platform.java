package dev.datamigration.api.v1alpha1;

/** The OutSystems platform generation on one side of a migration. */
public enum Platform {
    /** OutSystems 11: LifeTime API v2, SQL Server or Oracle factory database. */
    O11,
    /** OutSystems Developer Cloud: Portfolio/Deployments/Identity APIs, PostgreSQL stage database. */
    ODC
}
