package dev.datamigration.controller.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoints on one port: {@code /metrics} (Prometheus text format), {@code /healthz}
 * (liveness: the operator process is up and started) and {@code /readyz} (readiness: every informer is healthy).
 */
public final class OperatorHttpServer implements AutoCloseable {

    private final HttpServer server;

    public OperatorHttpServer(int port, PrometheusMeterRegistry registry, BooleanSupplier live,
            Supplier<String> notReadyReason) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/healthz", exchange -> {
            boolean ok = live.getAsBoolean();
            respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not started\n");
        });
        server.createContext("/readyz", exchange -> {
            String reason = notReadyReason.get();
            respond(exchange, reason == null ? 200 : 503, "text/plain; charset=utf-8",
                    reason == null ? "ready\n" : reason + "\n");
        });
        server.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
