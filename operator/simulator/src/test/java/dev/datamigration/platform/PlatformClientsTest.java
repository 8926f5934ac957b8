package dev.datamigration.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.platform.lifetime.LifeTimeClient;
import dev.datamigration.platform.odc.OdcClient;
import dev.datamigration.simulator.SimulatorServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory: the right adapter per platform, and configuration errors that name the Secret key, not values. */
class PlatformClientsTest {

    private static final String SECRET = "Secret refresh/platform-api";

    private static PlatformClient create(String platform, String url, Map<String, String> credentials) {
        return PlatformClients.create(platform, url, credentials, SECRET, HttpSettings.defaults(), CallObserver.NONE);
    }

    @Test
    void buildsWorkingClientsForBothPlatforms() {
        try (SimulatorServer simulator = SimulatorFixture.start()) {
            PlatformClient o11 = create("o11", simulator.lifeTimeApiUrl(), Map.of("token", "lt-valid-token\n"));
            PlatformClient odc = create("ODC", simulator.odcPortalUrl(),
                    Map.of("clientId", "dm-operator", "clientSecret", "dm-secret-value"));

            assertThat(o11).isInstanceOf(LifeTimeClient.class);
            assertThat(odc).isInstanceOf(OdcClient.class).isInstanceOf(EndUserDirectory.class);
            assertThat(o11.environment("QA").key()).isEqualTo(SimulatorFixture.QA_KEY);
            assertThat(odc.environment("Test").key()).isEqualTo(SimulatorFixture.TEST_KEY);
        }
    }

    @Test
    void missingTokenNamesTheSecretKey() {
        assertThatThrownBy(() -> create("O11", "https://lt.example.com/lifetimeapi/rest/v2", Map.of("tokn", "abc")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessage("Secret refresh/platform-api has no key 'token' (or it is empty); it is required for this"
                        + " platform");
    }

    @Test
    void missingClientSecretNamesTheKeyButNotTheOtherValues() {
        assertThatThrownBy(() -> create("ODC", "https://acme.outsystems.dev", Map.of("clientId", "my-client-id-9",
                "clientSecret", " ")))
                .isInstanceOf(PlatformException.class)
                .hasMessage("Secret refresh/platform-api has no key 'clientSecret' (or it is empty); it is required"
                        + " for this platform")
                .hasMessageNotContaining("my-client-id-9");
    }

    @Test
    void badUrlAndUnknownPlatformAreRefused() {
        assertThatThrownBy(() -> create("O11", "lt.example.com", Map.of("token", "t")))
                .isInstanceOf(PlatformException.class)
                .hasMessage("the O11 platform API url must start with https:// or http:// (was 'lt.example.com')");
        assertThatThrownBy(() -> create("O11", " ", Map.of("token", "t")))
                .isInstanceOf(PlatformException.class)
                .hasMessage("the O11 platform API url is required");
        assertThatThrownBy(() -> create("O12", "https://x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown platform 'O12' (expected O11 or ODC)");
    }
}
