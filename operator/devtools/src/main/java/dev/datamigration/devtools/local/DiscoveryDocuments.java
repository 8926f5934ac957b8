package dev.datamigration.devtools.local;

import dev.datamigration.api.v1alpha1.DataMigration;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API discovery documents kubectl reads before it can resolve {@code dm} or {@code jobs}: /api, /apis and one
 * resource list per group version, for exactly the kinds local mode serves.
 */
final class DiscoveryDocuments {

    private static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private final Map<String, List<APIResource>> resourcesByGroupVersion = new LinkedHashMap<>();

    DiscoveryDocuments() {
        resourcesByGroupVersion.put("v1", List.of(
                resource("configmaps", "ConfigMap", true, List.of("cm"), List.of()),
                resource("secrets", "Secret", true, List.of(), List.of()),
                resource("events", "Event", true, List.of("ev"), List.of()),
                resource("pods", "Pod", true, List.of("po"), List.of("all")),
                resource("serviceaccounts", "ServiceAccount", true, List.of("sa"), List.of()),
                resource("namespaces", "Namespace", false, List.of("ns"), List.of())));
        resourcesByGroupVersion.put("batch/v1", List.of(resource("jobs", "Job", true, List.of(), List.of("all")),
                resource("jobs/status", "Job", true, List.of(), List.of())));
        resourcesByGroupVersion.put("coordination.k8s.io/v1",
                List.of(resource("leases", "Lease", true, List.of(), List.of())));
        resourcesByGroupVersion.put(DataMigration.GROUP + "/" + DataMigration.VERSION, List.of(
                resource("datamigrations", "DataMigration", true, List.of("dm"), List.of("migrations")),
                resource("datamigrations/status", "DataMigration", true, List.of(), List.of())));
    }

    /** The JSON document served at this path, or null when the path is not a discovery path. */
    String document(String path) {
        if (path.equals("/api")) {
            return Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build());
        }
        if (path.equals("/apis")) {
            List<APIGroup> groups = new ArrayList<>();
            for (String groupVersion : resourcesByGroupVersion.keySet()) {
                int slash = groupVersion.indexOf('/');
                if (slash > 0) {
                    String group = groupVersion.substring(0, slash);
                    var version = new GroupVersionForDiscoveryBuilder().withGroupVersion(groupVersion)
                            .withVersion(groupVersion.substring(slash + 1)).build();
                    groups.add(new APIGroupBuilder().withName(group).withVersions(version)
                            .withPreferredVersion(version).build());
                }
            }
            return Serialization.asJson(new APIGroupListBuilder().withGroups(groups).build());
        }
        String groupVersion = path.startsWith("/api/") ? path.substring("/api/".length())
                : path.startsWith("/apis/") ? path.substring("/apis/".length()) : null;
        List<APIResource> resources = groupVersion == null ? null : resourcesByGroupVersion.get(groupVersion);
        if (resources == null) {
            return null;
        }
        return Serialization.asJson(new APIResourceListBuilder().withGroupVersion(groupVersion)
                .withResources(resources).build());
    }

    private static APIResource resource(String name, String kind, boolean namespaced, List<String> shortNames,
            List<String> categories) {
        return new APIResourceBuilder().withName(name).withKind(kind).withNamespaced(namespaced)
                .withSingularName(name.contains("/") ? "" : kind.toLowerCase())
                .withShortNames(shortNames).withCategories(categories)
                .withVerbs(name.contains("/") ? List.of("get", "patch", "update") : ALL_VERBS).build();
    }
}
