package dev.datamigration.platform;

import static dev.datamigration.platform.SimulatorFixture.LT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.platform.PlatformClient.Environment;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.platform.lifetime.LifeTimeClient;
import dev.datamigration.platform.odc.OdcClientAccess;
import dev.datamigration.simulator.FaultRule;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bounded retries with backoff through the shared HTTP layer, driven by the simulator's fault injection: transient
 * failures are retried and recover, persistent ones end in a transient exception within a bounded time, permanent
 * ones are not retried, and non-idempotent calls are not repeated after an ambiguous failure.
 */
class RetryAndTimeoutTest {

    private static final String ENVIRONMENTS = "/lifetimeapi/rest/v2/environments/";

    private SimulatorServer simulator;
    private final List<String> observed = Collections.synchronizedList(new ArrayList<>());
    private final CallObserver observer = (platform, operation, outcome, duration) ->
            observed.add(platform + " " + operation + " " + outcome.tag());

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private LifeTimeClient lifeTime(HttpSettings settings) {
        return new LifeTimeClient(simulator.lifeTimeApiUrl(), LT_TOKEN, "key 'token'", settings, observer);
    }

    @Test
    void serverErrorsThenSuccessIsRetriedAndSucceeds() {
        simulator.faults().add(FaultRule.error(ENVIRONMENTS, 503, 2));

        Environment qa = lifeTime(SimulatorFixture.fastSettings()).environment("QA");

        assertThat(qa.name()).isEqualTo("QA");
        assertThat(simulator.calls()).extracting(RecordedCall::path, RecordedCall::status, RecordedCall::fault)
                .containsExactly(
                        tuple(ENVIRONMENTS, 503, "ERROR"),
                        tuple(ENVIRONMENTS, 503, "ERROR"),
                        tuple(ENVIRONMENTS, 200, null));
        assertThat(observed).containsExactly("lifetime listEnvironments retry", "lifetime listEnvironments retry",
                "lifetime listEnvironments success");
    }

    @Test
    void persistentServerErrorsEndInTransientExceptionAfterBoundedAttempts() {
        simulator.faults().add(FaultRule.error(ENVIRONMENTS, 500, null));
        long start = System.nanoTime();

        assertThatThrownBy(() -> lifeTime(SimulatorFixture.fastSettings()).environment("QA"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.status()).isEqualTo(500);
                })
                .hasMessage("LifeTime GET /environments/ failed: HTTP 500: Injected fault: HTTP 500 (after 3"
                        + " attempts)");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(simulator.calls()).hasSize(3);
        assertThat(observed).containsExactly("lifetime listEnvironments retry", "lifetime listEnvironments retry",
                "lifetime listEnvironments failure");
    }

    @Test
    void hangingServerEndsInTransientTimeoutAfterBoundedAttempts() {
        simulator.faults().add(FaultRule.timeout(ENVIRONMENTS, 30_000, null));
        HttpSettings settings = SimulatorFixture.fastSettings().withRequestTimeout(Duration.ofMillis(300))
                .withMaxAttempts(2);
        long start = System.nanoTime();

        assertThatThrownBy(() -> lifeTime(settings).environment("QA"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.status()).isZero();
                })
                .hasMessage("LifeTime GET /environments/ failed: no response within 300 ms (after 2 attempts)");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(simulator.calls()).extracting(RecordedCall::fault).containsExactly("TIMEOUT", "TIMEOUT");
    }

    @Test
    void slowButInTimeAnswerIsNotRetried() {
        simulator.faults().add(FaultRule.latency(ENVIRONMENTS, 200, 1));

        assertThat(lifeTime(SimulatorFixture.fastSettings()).environment("QA").name()).isEqualTo("QA");
        assertThat(simulator.calls()).extracting(RecordedCall::status, RecordedCall::fault)
                .containsExactly(tuple(200, "LATENCY"));
    }

    @Test
    void clientErrorsAreNotRetried() {
        simulator.faults().add(FaultRule.error(ENVIRONMENTS, 403, null));

        assertThatThrownBy(() -> lifeTime(SimulatorFixture.fastSettings()).environment("QA"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessage("LifeTime GET /environments/ failed: HTTP 403: Injected fault: HTTP 403. The credentials"
                        + " lack the permission for this call: check the role or permissions of key 'token'");
        assertThat(simulator.calls()).hasSize(1);
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        simulator.faults().add(FaultRule.error("/api/portfolios/v2/environments", 429, 1));

        Environment test = OdcClientAccess.client(simulator, SimulatorFixture.fastSettings(), observer)
                .environment("Test");

        assertThat(test.name()).isEqualTo("Test");
        assertThat(simulator.callLog().matching("GET", "/api/portfolios/v2/environments"))
                .extracting(RecordedCall::status).containsExactly(429, 200);
        // Retry-After: 1 is capped by the 50 ms maximum backoff of the fast settings
        List<RecordedCall> calls = simulator.callLog().matching("GET", "/api/portfolios/v2/environments");
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void serverErrorOnStartingAnOperationIsNotRepeated() {
        simulator.faults().add(FaultRule.error("/api/deployments/v1/deployment-operations", 502, null)
                .forMethod("POST"));
        PlatformClient client = OdcClientAccess.client(simulator, SimulatorFixture.fastSettings(), observer);
        Environment test = client.environment("Test");
        PlatformClient.AppDeployment orders = client.applications(test).get(0);

        assertThatThrownBy(() -> client.undeploy(test, orders, "migration"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessage("ODC POST /api/deployments/v1/deployment-operations failed: HTTP 502: Injected fault;"
                        + " Injected fault: HTTP 502");
        assertThat(simulator.callLog().matching("POST", "/api/deployments/v1/deployment-operations")).hasSize(1);
    }

    @Test
    void unreachablePlatformIsTransient() {
        String url = simulator.lifeTimeApiUrl();
        simulator.close();
        HttpSettings settings = SimulatorFixture.fastSettings().withMaxAttempts(2);

        assertThatThrownBy(() -> new LifeTimeClient(url, LT_TOKEN, "key 'token'", settings, observer)
                .environment("QA"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageStartingWith("LifeTime GET /environments/ failed: cannot connect to 127.0.0.1:")
                .hasMessageEndingWith("(after 2 attempts)");
        simulator = SimulatorFixture.start(); // for @AfterEach
    }
}
