package dev.datamigration.simulator;

/** One simulated platform API, mounted under a path prefix of the simulator. */
interface SimulatedApi {

    /** True when this API serves {@code path}. */
    boolean serves(String path);

    SimResponse handle(SimRequest request);
}
