package dev.datamigration.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.Phase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OperatorHttpServerTest {

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("/metrics renders the migration meters with low-cardinality labels; /healthz and /readyz answer")
    void endpoints() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MigrationMetrics metrics = new MigrationMetrics(registry);
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        metrics.phase("uid-a", Phase.Planning, t0);
        metrics.phase("uid-a", Phase.Copying, t0.plusSeconds(30));
        metrics.phase("uid-b", Phase.Copying, t0);
        metrics.rowsCopied(1500);
        metrics.rowsCopied(-3);
        metrics.platformCall("undeploy", "transient");
        AtomicReference<String> notReady = new AtomicReference<>("operator not started");
        try (OperatorHttpServer server = new OperatorHttpServer(0, registry, () -> true, notReady::get)) {
            String body = get(server.port(), "/metrics").body();
            assertThat(body).contains("datamigration_migrations{phase=\"Copying\"} 2.0");
            assertThat(body).contains("datamigration_migrations{phase=\"Planning\"} 0.0");
            assertThat(body).contains("datamigration_rows_copied_total 1500.0");
            assertThat(body).contains(
                    "datamigration_platform_calls_total{operation=\"undeploy\",outcome=\"transient\"} 1.0");
            assertThat(body).contains("datamigration_phase_duration_seconds_count{phase=\"Planning\"} 1");
            assertThat(body).contains("datamigration_phase_duration_seconds_sum{phase=\"Planning\"} 30.0");
            assertThat(get(server.port(), "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> notYet = get(server.port(), "/readyz");
            assertThat(notYet.statusCode()).isEqualTo(503);
            assertThat(notYet.body()).isEqualTo("operator not started\n");
            notReady.set(null);
            assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(200);
        }
        metrics.forget("uid-b");
        assertThat(registry.scrape()).contains("datamigration_migrations{phase=\"Copying\"} 1.0");
    }
}
