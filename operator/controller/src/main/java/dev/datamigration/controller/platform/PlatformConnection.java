package dev.datamigration.controller.platform;

import dev.datamigration.api.v1alpha1.Platform;
import java.util.Map;

/**
 * Everything needed to talk to one platform API: which platform, the base URL, and the credential values read
 * from the Secret (token for O11; clientId and clientSecret for ODC). {@link #toString()} never shows the values.
 */
public record PlatformConnection(Platform platform, String url, Map<String, String> credentials) {

    public PlatformConnection {
        credentials = Map.copyOf(credentials);
    }

    @Override
    public String toString() {
        return "PlatformConnection[" + platform + " " + url + ", credentials " + credentials.keySet().stream().sorted()
                .toList() + "]";
    }
}
