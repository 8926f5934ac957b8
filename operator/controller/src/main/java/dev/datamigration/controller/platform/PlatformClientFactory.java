package dev.datamigration.controller.platform;

import dev.datamigration.platform.PlatformClient;

/** Turns a connection (platform, URL, credential values) into a client. Injected so tests choose the platform. */
@FunctionalInterface
public interface PlatformClientFactory {

    PlatformClient create(PlatformConnection connection);
}
