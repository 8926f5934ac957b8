package dev.datamigration.platform;

import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The test state file (src/test/resources/simulator/test-state.yaml), its keys, and fast client settings. */
public final class SimulatorFixture {

    public static final String LT_TOKEN = "lt-valid-token";
    public static final String PRODUCTION_KEY = "11111111-0000-4000-8000-000000000001";
    public static final String QA_KEY = "11111111-0000-4000-8000-000000000002";
    public static final String ORDERS_O11_KEY = "aaaaaaaa-0000-4000-8000-000000000001";
    public static final String CUSTOMERS_O11_KEY = "aaaaaaaa-0000-4000-8000-000000000002";

    public static final String CLIENT_ID = "dm-operator";
    public static final String CLIENT_SECRET = "dm-secret-value";
    public static final String DEVELOPMENT_KEY = "22222222-0000-4000-8000-000000000001";
    public static final String TEST_KEY = "22222222-0000-4000-8000-000000000002";
    public static final String ORDERS_ODC_KEY = "bbbbbbbb-0000-4000-8000-000000000001";
    public static final String CUSTOMERS_ODC_KEY = "bbbbbbbb-0000-4000-8000-000000000002";

    private SimulatorFixture() {
    }

    public static SimulatorState state() {
        try (InputStream in = SimulatorFixture.class.getResourceAsStream("/simulator/test-state.yaml")) {
            return SimulatorState.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SimulatorServer start() {
        return SimulatorServer.start(state());
    }

    /** Short timeouts and backoff so failure tests finish in well under a second each. */
    public static HttpSettings fastSettings() {
        return new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(10),
                Duration.ofMillis(50), Duration.ofSeconds(30));
    }
}
