package dev.datamigration.controller.platform;

import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformClients;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.platform.http.HttpSettings;

/**
 * The real clients: LifeTime API v2 for O11, the ODC APIs for ODC, over HTTP with the platform module's timeouts
 * and bounded retries. Secret values go into the client, never into messages (those name the Secret).
 */
public final class HttpPlatformClientFactory implements PlatformClientFactory {

    private final HttpSettings settings;
    private final CallObserver observer;

    public HttpPlatformClientFactory(HttpSettings settings, CallObserver observer) {
        this.settings = settings;
        this.observer = observer;
    }

    @Override
    public PlatformClient create(PlatformConnection connection) {
        return PlatformClients.create(connection.platform().name(), connection.url(), connection.credentials(),
                "the " + connection.platform() + " platform API Secret", settings, observer);
    }
}
