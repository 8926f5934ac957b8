package dev.datamigration.platform;

import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.platform.lifetime.LifeTimeClient;
import dev.datamigration.platform.odc.OdcClient;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link PlatformClient} for a platform from the API URL and the credentials read from a Secret.
 * O11 needs key {@value #TOKEN}; ODC needs {@value #CLIENT_ID} and {@value #CLIENT_SECRET}. The ODC client also
 * implements {@link EndUserDirectory}. Configuration mistakes (no URL, a missing Secret key) are permanent
 * {@link PlatformException}s that name the key, never a value.
 */
public final class PlatformClients {

    public static final String TOKEN = "token";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";

    private PlatformClients() {
    }

    /** With default timeouts and retries and no call observer. */
    public static PlatformClient create(String platform, String url, Map<String, String> credentials) {
        return create(platform, url, credentials, "the platform API Secret", HttpSettings.defaults(),
                CallObserver.NONE);
    }

    /**
     * @param platform    "O11" or "ODC" (case-insensitive)
     * @param url         O11: the LifeTime API base ({@code https://lt.example.com/lifetimeapi/rest/v2});
     *                    ODC: the portal ({@code https://acme.outsystems.dev})
     * @param credentials the Secret's data as text
     * @param secretName  names the Secret in error messages (e.g. "Secret refresh/lifetime-token")
     */
    public static PlatformClient create(String platform, String url, Map<String, String> credentials,
            String secretName, HttpSettings settings, CallObserver observer) {
        if (platform == null) {
            throw new IllegalArgumentException("platform is required (O11 or ODC)");
        }
        if (url == null || url.isBlank()) {
            throw new PlatformException("the " + platform + " platform API url is required", 0, false);
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new PlatformException("the " + platform + " platform API url must start with https:// or http:// (was '"
                    + url + "')", 0, false);
        }
        Map<String, String> secret = credentials == null ? Map.of() : credentials;
        return switch (platform.toUpperCase(Locale.ROOT)) {
            case "O11" -> new LifeTimeClient(url, required(secret, TOKEN, secretName),
                    "the service-account token in " + secretName + " key '" + TOKEN + "'", settings, observer);
            case "ODC" -> new OdcClient(url, required(secret, CLIENT_ID, secretName),
                    required(secret, CLIENT_SECRET, secretName),
                    "the API client in " + secretName + " keys '" + CLIENT_ID + "' and '" + CLIENT_SECRET + "'",
                    settings, observer);
            default -> throw new IllegalArgumentException("unknown platform '" + platform + "' (expected O11 or ODC)");
        };
    }

    private static String required(Map<String, String> secret, String key, String secretName) {
        String value = secret.get(key);
        if (value == null || value.isBlank()) {
            throw new PlatformException(secretName + " has no key '" + key + "' (or it is empty); "
                    + "it is required for this platform", 0, false);
        }
        return value.strip();
    }
}
