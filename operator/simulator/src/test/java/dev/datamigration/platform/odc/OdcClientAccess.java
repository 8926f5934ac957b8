package dev.datamigration.platform.odc;

import dev.datamigration.platform.SimulatorFixture;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.simulator.SimulatorServer;

/** Builds an {@link OdcClient} for the test simulator's API client (tests outside this package use it). */
public final class OdcClientAccess {

    private OdcClientAccess() {
    }

    public static OdcClient client(SimulatorServer simulator, HttpSettings settings, CallObserver observer) {
        return new OdcClient(simulator.odcPortalUrl(), SimulatorFixture.CLIENT_ID, SimulatorFixture.CLIENT_SECRET,
                "Secret odc-api keys", settings, observer);
    }
}
