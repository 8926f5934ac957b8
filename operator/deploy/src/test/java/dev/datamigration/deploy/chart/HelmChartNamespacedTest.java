package dev.datamigration.deploy.chart;

import static dev.datamigration.deploy.support.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.deploy.support.RenderedChart;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** watchNamespaces [team-a, team-b]: Roles in those namespaces only, no cluster-wide grant at all. */
class HelmChartNamespacedTest {

    private static final String FULLNAME = "dm-datamigration-operator";
    private static final List<String> WATCHED = List.of("team-a", "team-b");
    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render("namespaced");
    }

    @Test
    void grantsNothingClusterWide() {
        assertThat(chart.all(ClusterRole.class)).isEmpty();
        assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
    }

    @Test
    void operatorGetsTheSameExactRulesInEachWatchedNamespace() {
        for (String namespace : WATCHED) {
            Role role = chart.get(Role.class, namespace, FULLNAME);
            RoleBinding binding = chart.get(RoleBinding.class, namespace, FULLNAME);

            assertThat(ExpectedRbac.flatten(role.getRules())).as(namespace)
                    .containsExactlyEntriesOf(ExpectedRbac.OPERATOR);
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME);
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getName()).isEqualTo(FULLNAME);
                assertThat(subject.getNamespace()).as("the operator runs in the release namespace")
                        .isEqualTo(NAMESPACE);
            });
        }
        assertThat(chart.all(Role.class)).filteredOn(r -> r.getMetadata().getName().equals(FULLNAME))
                .map(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrderElementsOf(WATCHED);
    }

    @Test
    void leaseRoleStaysInTheReleaseNamespace() {
        Role lease = chart.get(Role.class, NAMESPACE, FULLNAME + "-leader-election");

        assertThat(ExpectedRbac.flatten(lease.getRules())).containsExactlyEntriesOf(ExpectedRbac.LEADER_ELECTION);
        assertThat(chart.all(Role.class)).filteredOn(r -> r.getMetadata().getNamespace().equals(NAMESPACE))
                .map(r -> r.getMetadata().getName()).containsExactly(FULLNAME + "-leader-election");
    }

    @Test
    void copierAccountAndRoleExistWhereCopyJobsRun() {
        for (String namespace : WATCHED) {
            Role copier = chart.get(Role.class, namespace, FULLNAME + "-copier");
            RoleBinding binding = chart.get(RoleBinding.class, namespace, FULLNAME + "-copier");

            assertThat(ExpectedRbac.flatten(copier.getRules())).containsExactlyEntriesOf(ExpectedRbac.COPIER);
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getName()).isEqualTo(FULLNAME + "-copier");
                assertThat(subject.getNamespace()).isEqualTo(namespace);
            });
        }
        assertThat(chart.all(ServiceAccount.class)).map(RenderedChart::describe).containsExactlyInAnyOrder(
                "ServiceAccount datamigration-system/dm-datamigration-operator",
                "ServiceAccount team-a/dm-datamigration-operator-copier",
                "ServiceAccount team-b/dm-datamigration-operator-copier");
    }

    @Test
    void operatorIsToldWhichNamespacesToWatch() {
        Container operator = HelmChartDefaultsTest.operatorContainer(chart);

        assertThat(HelmChartDefaultsTest.env(operator, "WATCH_NAMESPACES").getValue()).isEqualTo("team-a,team-b");
    }
}
