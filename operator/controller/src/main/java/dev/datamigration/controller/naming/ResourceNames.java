package dev.datamigration.controller.naming;

import dev.datamigration.api.task.Contracts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic names of the objects the operator creates (design.md §5, a contract): {@code <dm>-plan} and
 * {@code <dm>-<app-slug>} for Jobs, {@code <job>-task} and {@code <job>-progress} for their ConfigMaps. A Job name
 * must fit a label value (63 characters) because Kubernetes copies it into the pod's {@code job-name} label; a name
 * that does not fit is cut and gets a short hash of the full identity, so two long names never collide.
 */
public final class ResourceNames {

    /** Longest Job name: the Job controller puts it into a label value. */
    public static final int MAX_JOB_NAME = 63;
    public static final String PLAN_SUFFIX = "plan";
    private static final int HASH_LENGTH = 6;

    private ResourceNames() {
    }

    /** The plan Job of a migration. */
    public static String planJob(String migration) {
        return fit(migration + "-" + PLAN_SUFFIX, migration + "/" + PLAN_SUFFIX, false);
    }

    /**
     * The copy Job of one app. {@code allApps} are the migration's apps: when two of them slug to the same name, or
     * an app slugs to "plan", the name gets a hash so every Job name stays unique.
     */
    public static String copyJob(String migration, String app, List<String> allApps) {
        String slug = slug(app);
        boolean clash = PLAN_SUFFIX.equals(slug)
                || allApps.stream().filter(other -> !other.equals(app)).anyMatch(other -> slug(other).equals(slug));
        return fit(migration + "-" + slug, migration + "/" + app, clash);
    }

    /**
     * The catch-up Job of one app (source.downtime StopAfterCopy): a second Job after the bulk one, so it always ends
     * with a hash of the migration and app; a copy Job name could otherwise equal it (an app named "X catchup").
     */
    public static String catchUpJob(String migration, String app) {
        return fit(migration + "-" + slug(app) + "-catchup", migration + "/" + app + "/catch-up", true);
    }

    /** The ConfigMap holding a Job's task.json. */
    public static String taskConfigMap(String job) {
        return job + Contracts.TASK_SUFFIX;
    }

    /** The ConfigMap the copy Jobs of an ODC migration share to create end users once (ConfigMap names allow 253). */
    public static String usersConfigMap(String migration) {
        return migration + "-users";
    }

    /** The ConfigMap a Job's copier writes its progress into. */
    public static String progressConfigMap(String job) {
        return job + Contracts.PROGRESS_SUFFIX;
    }

    /**
     * An app name as a DNS label part: lower case, runs of other characters become one dash, no dash at either
     * end; "app" when nothing is left.
     */
    public static String slug(String app) {
        String lower = app.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean dash = false;
        for (char c : lower.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
                dash = false;
            } else if (!dash && out.length() > 0) {
                out.append('-');
                dash = true;
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '-') {
            end--;
        }
        return end == 0 ? "app" : out.substring(0, end);
    }

    /**
     * A label value for an app name: the name itself when it is a valid label value, otherwise its slug with a
     * hash of the name (the real name is kept in an annotation).
     */
    public static String appLabelValue(String app) {
        if (app.length() <= MAX_JOB_NAME && app.matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")) {
            return app;
        }
        return fit(slug(app), app, true);
    }

    /** A short, stable hex hash of a text. */
    public static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String fit(String name, String identity, boolean forceHash) {
        if (!forceHash && name.length() <= MAX_JOB_NAME) {
            return name;
        }
        String hash = shortHash(identity);
        int keep = Math.min(name.length(), MAX_JOB_NAME - HASH_LENGTH - 1);
        String head = name.substring(0, keep);
        while (head.endsWith("-")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "-" + hash;
    }
}
