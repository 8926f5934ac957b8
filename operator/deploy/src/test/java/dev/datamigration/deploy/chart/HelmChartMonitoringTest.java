package dev.datamigration.deploy.chart;

import static dev.datamigration.deploy.support.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.deploy.support.RenderedChart;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional ServiceMonitor and NetworkPolicy: on, they select exactly the operator's Service and pods. */
class HelmChartMonitoringTest {

    private static final String FULLNAME = "dm-datamigration-operator";

    @Test
    void serviceMonitorScrapesTheMetricsServicePort() {
        RenderedChart chart = RenderedChart.render("monitoring");
        GenericKubernetesResource monitor = (GenericKubernetesResource) chart.ofKind("ServiceMonitor").get(0);
        Service service = chart.get(Service.class, NAMESPACE, FULLNAME + "-metrics");
        Map<String, Object> spec = monitor.get("spec");

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"));
        assertThat(monitor.<List<String>>get("spec", "namespaceSelector", "matchNames")).containsExactly(NAMESPACE);
        assertThat(spec.get("endpoints")).isEqualTo(List.of(Map.of(
                "port", "http-metrics", "path", "/metrics", "interval", "15s", "scrapeTimeout", "10s")));
    }

    @Test
    void networkPolicyAdmitsOnlyTheConfiguredScrapersToTheHttpPort() {
        RenderedChart chart = RenderedChart.render("monitoring");
        NetworkPolicy policy = chart.get(NetworkPolicy.class, NAMESPACE, FULLNAME);

        assertThat(HelmChartDefaultsTest.operatorPodLabels(chart))
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort().getStrVal()).isEqualTo("http");
                assertThat(port.getProtocol()).isEqualTo("TCP");
            });
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
                assertThat(peer.getPodSelector().getMatchLabels())
                        .containsExactly(Map.entry("app.kubernetes.io/name", "prometheus"));
            });
        });
        assertThat(policy.getSpec().getEgress()).hasSize(2);
        assertThat(policy.getSpec().getEgress().get(1).getTo()).singleElement()
                .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("10.96.0.1/32"));
    }

    @Test
    void networkPolicyWithoutEgressRulesLeavesEgressAlone() {
        RenderedChart chart = RenderedChart.render(command -> command.set("networkPolicy.enabled", true));
        NetworkPolicy policy = chart.get(NetworkPolicy.class, NAMESPACE, FULLNAME);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getEgress()).isEmpty();
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom())
                .singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"))));
    }
}
