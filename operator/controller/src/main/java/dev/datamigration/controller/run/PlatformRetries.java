package dev.datamigration.controller.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts transient platform failures per migration and step. Kept in memory on purpose: a restarted operator
 * starts counting again, which at worst grants a step a few more bounded attempts; persisting counters would
 * churn the status on every retry.
 */
public final class PlatformRetries {

    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    /** Records a failed attempt and returns how many there were so far. */
    public int failed(String uid, String step) {
        return attempts.merge(uid + "/" + step, 1, Integer::sum);
    }

    public void succeeded(String uid, String step) {
        attempts.remove(uid + "/" + step);
    }

    public void forget(String uid) {
        attempts.keySet().removeIf(key -> key.startsWith(uid + "/"));
    }
}
