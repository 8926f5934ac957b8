package dev.datamigration.deploy.chart;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The exact rights the chart grants, written out once so every install variant is compared with the same list. */
final class ExpectedRbac {

    /** The operator in each namespace it watches (a Role there, or one ClusterRole). */
    static final Map<String, List<String>> OPERATOR = ordered(
            "datamigration.dev/datamigrations", List.of("get", "list", "watch", "update", "patch"),
            "datamigration.dev/datamigrations/status", List.of("get", "update", "patch"),
            "datamigration.dev/datamigrations/finalizers", List.of("update"),
            "batch/jobs", List.of("get", "list", "watch", "create", "delete"),
            "core/configmaps", List.of("get", "list", "watch", "create", "patch"),
            "core/secrets", List.of("get"),
            "core/events", List.of("get", "create", "update"));

    /** Leader election, in the release namespace only. */
    static final Map<String, List<String>> LEADER_ELECTION = ordered(
            "coordination.k8s.io/leases", List.of("get", "create", "update"));

    /** The copy Jobs: their progress ConfigMaps and nothing else. */
    static final Map<String, List<String>> COPIER = ordered(
            "core/configmaps", List.of("get", "create", "update", "patch"));

    private ExpectedRbac() {
    }

    /** Rules as "group/resource" -> verbs, one entry per resource (the core group is written "core"). */
    static Map<String, List<String>> flatten(List<PolicyRule> rules) {
        Map<String, List<String>> flat = new LinkedHashMap<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    String key = (group.isEmpty() ? "core" : group) + "/" + resource;
                    if (flat.put(key, rule.getVerbs()) != null) {
                        throw new AssertionError("resource named by two rules: " + key);
                    }
                }
            }
            if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()
                    || rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty()) {
                throw new AssertionError("unexpected resourceNames/nonResourceURLs in " + rule);
            }
        }
        return flat;
    }

    private static Map<String, List<String>> ordered(Object... keysAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> verbs = (List<String>) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], verbs);
        }
        return map;
    }
}
