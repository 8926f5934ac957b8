package dev.datamigration.controller.testing;

import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform simulator (LifeTime v2 and ODC over real HTTP) with the operator tests' state, and its call log
 * rendered as the side effects a reader cares about: "Production maintenance on", "Undeploy Customers", ...
 */
public final class PlatformSimulator implements AutoCloseable {

    public static final String LT_TOKEN = "lt-service-account-token";
    public static final String ODC_CLIENT_ID = "dm-operator";
    public static final String ODC_CLIENT_SECRET = "dm-secret-value";
    /** Fast timeouts and two HTTP attempts per call, so failure tests take milliseconds. */
    public static final HttpSettings HTTP = new HttpSettings(Duration.ofSeconds(1), Duration.ofMillis(800), 2,
            Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

    private static final Map<String, String> ENVIRONMENTS = Map.of(
            "11111111-0000-4000-8000-000000000001", "Production",
            "11111111-0000-4000-8000-000000000002", "QA");
    private static final Map<String, String> ASSETS = Map.of(
            "bbbbbbbb-0000-4000-8000-000000000001", "Customers",
            "bbbbbbbb-0000-4000-8000-000000000002", "Orders",
            "bbbbbbbb-0000-4000-8000-000000000003", "CustomerPortal");
    private static final Pattern MAINTENANCE = Pattern.compile(".*/environments/([^/]+)/maintenancemode");
    private static final Pattern ODC_OPERATION = Pattern.compile(
            ".*\"operation\"\\s*:\\s*\"(\\w+)\".*\"assetKey\"\\s*:\\s*\"([^\"]+)\".*");

    private final SimulatorServer server;

    public PlatformSimulator() {
        try (InputStream in = PlatformSimulator.class.getResourceAsStream("/simulator/operator-state.yaml")) {
            server = SimulatorServer.start(SimulatorState.parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SimulatorServer server() {
        return server;
    }

    public String lifeTimeUrl() {
        return server.lifeTimeApiUrl();
    }

    public String odcUrl() {
        return server.odcPortalUrl();
    }

    /** Every state-changing call that reached the platform, in order; failed attempts show as "503 PUT ...". */
    public List<String> sideEffects() {
        return server.calls().stream().filter(call -> !"GET".equals(call.method()))
                .filter(call -> !call.path().contains("/identity/")).map(PlatformSimulator::render).toList();
    }

    /** How many calls of any kind answered with an injected fault. */
    public long faults() {
        return server.calls().stream().filter(call -> call.fault() != null).count();
    }

    private static String render(RecordedCall call) {
        String prefix = call.fault() != null ? call.status() + " " : "";
        Matcher maintenance = MAINTENANCE.matcher(call.path());
        if (maintenance.matches()) {
            String environment = ENVIRONMENTS.getOrDefault(maintenance.group(1), maintenance.group(1));
            boolean on = call.body() != null && call.body().replace(" ", "").contains(
                    "\"IsMaintenanceModeEnabled\":true");
            return prefix + environment + " maintenance " + (on ? "on" : "off");
        }
        Matcher operation = ODC_OPERATION.matcher(call.body() == null ? "" : call.body().replace("\n", " "));
        if (call.path().endsWith("/deployment-operations") && operation.matches()) {
            return prefix + operation.group(1) + " " + ASSETS.getOrDefault(operation.group(2), operation.group(2));
        }
        return prefix + call.method() + " " + call.path();
    }

    public boolean maintenanceMode(String environment) {
        return server.maintenanceMode(environment);
    }

    @Override
    public void close() {
        server.close();
    }
}
