package dev.datamigration.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.deploy.support.RenderedChart;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules that hold in every install variant: no wildcards, no CRD rights, no secret listing, no escalation rights. */
class HelmChartRbacPolicyTest {

    @ParameterizedTest(name = "values: {0}")
    @ValueSource(strings = {"defaults", "namespaced", "cluster-wide", "monitoring"})
    void noRuleUsesWildcardsOrTouchesCrdsOrRbac(String variant) {
        RenderedChart chart = variant.equals("defaults") ? RenderedChart.render() : RenderedChart.render(variant);
        List<PolicyRule> rules = Stream.concat(
                chart.all(Role.class).stream().flatMap(r -> r.getRules().stream()),
                chart.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream())).toList();

        assertThat(rules).isNotEmpty();
        for (PolicyRule rule : rules) {
            assertThat(rule.getVerbs()).as("verbs of %s", rule).doesNotContain("*", "escalate", "bind", "impersonate");
            assertThat(rule.getResources()).as("resources of %s", rule).doesNotContain("*");
            assertThat(rule.getApiGroups()).as("groups of %s", rule)
                    .doesNotContain("*", "apiextensions.k8s.io", "rbac.authorization.k8s.io");
            if (rule.getResources().contains("secrets")) {
                assertThat(rule.getVerbs()).as("Secrets are read by name only").containsExactly("get");
            }
        }
    }
}
