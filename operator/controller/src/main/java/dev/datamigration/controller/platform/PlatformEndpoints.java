package dev.datamigration.controller.platform;

import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.PlatformApiSpec;
import dev.datamigration.api.v1alpha1.PlatformEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * Which platform API serves each side: {@code platformApi.source}/{@code target} when given, else the shared
 * {@code platformApi.url} and {@code credentialsSecret}.
 */
public final class PlatformEndpoints {

    /** Secret keys a platform API needs. */
    public static List<String> credentialKeys(Platform platform) {
        return platform == Platform.ODC ? List.of("clientId", "clientSecret") : List.of("token");
    }

    /** One side's API endpoint. */
    public record Endpoint(Side side, Platform platform, String url, String credentialsSecret) {
    }

    /** The two sides of a migration. */
    public enum Side {
        source,
        target
    }

    private PlatformEndpoints() {
    }

    public static Optional<Endpoint> endpoint(DataMigrationSpec spec, Side side) {
        PlatformApiSpec api = spec.getPlatformApi();
        if (api == null) {
            return Optional.empty();
        }
        Platform platform = side == Side.source
                ? spec.getSource() == null ? Platform.O11 : spec.getSource().getPlatform()
                : spec.getTarget() == null ? Platform.O11 : spec.getTarget().getPlatform();
        PlatformEndpoint override = side == Side.source ? api.getSource() : api.getTarget();
        if (override != null) {
            return Optional.of(new Endpoint(side, platform, override.getUrl(), override.getCredentialsSecret()));
        }
        if (api.getUrl() == null && api.getCredentialsSecret() == null) {
            return Optional.empty();
        }
        return Optional.of(new Endpoint(side, platform, api.getUrl(), api.getCredentialsSecret()));
    }
}
