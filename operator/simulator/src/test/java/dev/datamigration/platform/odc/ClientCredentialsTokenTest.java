package dev.datamigration.platform.odc;

import static dev.datamigration.platform.SimulatorFixture.CLIENT_ID;
import static dev.datamigration.platform.SimulatorFixture.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.platform.PlatformException;
import dev.datamigration.platform.SimulatorFixture;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 client credentials against the simulator: discovery, caching, renewal, refusal. */
class ClientCredentialsTokenTest {

    private SimulatorServer simulator;
    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private OdcClient client(String secret) {
        return new OdcClient(simulator.odcPortalUrl(), CLIENT_ID, secret,
                "Secret refresh/odc-api keys 'clientId' and 'clientSecret'", SimulatorFixture.fastSettings(),
                CallObserver.NONE, clock);
    }

    @Test
    void oneTokenServesManyCalls() {
        OdcClient client = client(CLIENT_SECRET);

        for (int i = 0; i < 5; i++) {
            client.environment("Test");
        }

        assertThat(simulator.odcTokensIssued()).isEqualTo(1);
        assertThat(simulator.callLog().matching("GET", "/identity/.well-known/openid-configuration")).hasSize(1);
        RecordedCall token = simulator.callLog().matching("POST", "/identity/connect/token").get(0);
        assertThat(token.body()).isEqualTo("grant_type=client_credentials&client_id=dm-operator&client_secret=***");
        assertThat(token.authorization()).isFalse();
    }

    @Test
    void theTokenEndpointIsTheOneTheDiscoveryDocumentNames() throws Exception {
        simulator.close();
        String keycloak = "/auth/realms/acme/protocol/openid-connect/token";
        simulator = SimulatorServer.start(SimulatorState.parse("""
                odc:
                  clients: [{clientId: dm-operator, clientSecret: dm-secret-value}]
                  tokenPath: %s
                  stages: [{key: 22222222-0000-4000-8000-000000000002, name: Test}]
                """.formatted(keycloak)));

        assertThat(client(CLIENT_SECRET).environment("Test").name()).isEqualTo("Test");

        assertThat(simulator.calls()).extracting(RecordedCall::method, RecordedCall::path, RecordedCall::status)
                .containsExactly(tuple("GET", "/identity/.well-known/openid-configuration", 200),
                        tuple("POST", keycloak, 200),
                        tuple("GET", "/api/portfolios/v2/environments", 200));
    }

    @Test
    void tokenIsRenewedShortlyBeforeItExpires() {
        OdcClient client = client(CLIENT_SECRET);
        client.environment("Test");

        clock.advance(Duration.ofHours(12).minusSeconds(61)); // the simulator issues 12 h tokens
        client.environment("Test");
        assertThat(simulator.odcTokensIssued()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2)); // now within the last minute
        client.environment("Test");
        assertThat(simulator.odcTokensIssued()).isEqualTo(2);
        assertThat(simulator.callLog().matching("GET", "/identity/.well-known/openid-configuration")).hasSize(1);
    }

    @Test
    void revokedTokenIsRenewedOnceAfter401() {
        OdcClient client = client(CLIENT_SECRET);
        client.environment("Test");

        simulator.revokeOdcTokens();
        client.environment("Test");

        assertThat(simulator.odcTokensIssued()).isEqualTo(2);
        assertThat(simulator.callLog().matching("GET", "/api/portfolios/v2/environments"))
                .extracting(RecordedCall::status).containsExactly(200, 401, 200);
    }

    @Test
    void wrongSecretIsPermanentNamesTheKeysAndHidesTheSecret() {
        OdcClient client = client("wrong-secret-value");

        assertThatThrownBy(() -> client.environment("Test"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getCause().getMessage()).doesNotContain("wrong-secret-value");
                })
                .hasMessage("ODC token endpoint /identity/connect/token refused the client credentials (HTTP 401):"
                        + " check Secret refresh/odc-api keys 'clientId' and 'clientSecret'")
                .hasMessageNotContaining("wrong-secret-value");
        assertThat(simulator.callLog().matching("POST", "/identity/connect/token")).hasSize(1);
        assertThat(simulator.callLog().matching("GET", "/api/.*")).isEmpty();
    }

    /** A clock the test moves forward instead of sleeping. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
