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

    /** Adds {@code step} to {@code steps}, or counts it on the last one when that is the same call. */
    static void append(java.util.List<PlatformStep> steps, PlatformStep step) {
        PlatformStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last != null && last.method().equals(step.method()) && last.path().equals(step.path())
                && last.change().equals(step.change())) {
            steps.set(steps.size() - 1, new PlatformStep(last.method(), last.path(), last.change(), last.what(),
                    last.times() + 1));
        } else {
            steps.add(step);
        }
    }
}
