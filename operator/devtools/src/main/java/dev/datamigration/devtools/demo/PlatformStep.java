package dev.datamigration.devtools.demo;

/**
 * A state-changing call the platform simulator received, in words.
 *
 * @param method HTTP method
 * @param path   the path below the API base, environment keys replaced by names, e.g.
 *               {@code /environments/QA/maintenancemode}
 * @param change what the body asked for, e.g. {@code on}
 * @param what   what that means for the migration, e.g. {@code stop Production}
 * @param times  how many identical calls in a row (the operator repeats idempotent calls per app)
 */
public record PlatformStep(String method, String path, String change, String what, int times) {
}
