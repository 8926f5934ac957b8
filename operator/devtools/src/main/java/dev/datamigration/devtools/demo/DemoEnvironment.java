package dev.datamigration.devtools.demo;

import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the demo starts and must take down again: a temporary work directory, an embedded PostgreSQL server with the
 * Production and QA factories, and the platform simulator. {@link #close} is idempotent and may run from the
 * shutdown hook while the main thread is still busy.
 */
final class DemoEnvironment implements AutoCloseable {

    private final Path workDir;
    private EmbeddedPostgres postgres;
    private FactoryDatabases databases;
    private SimulatorServer simulator;
    private boolean keepDatabases;
    private boolean closed;

    private DemoEnvironment(Path workDir) {
        this.workDir = workDir;
    }

    static DemoEnvironment create() {
        try {
            return new DemoEnvironment(Files.createTempDirectory("datamigration-demo-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's work directory", e);
        }
    }

    /** Temporary files: the rendered manifests, the kubeconfig, Job workspaces and logs. */
    Path workDir() {
        return workDir;
    }

    synchronized EmbeddedPostgres startPostgres() {
        checkOpen();
        postgres = EmbeddedPostgres.start();
        return postgres;
    }

    /** Builds Production and QA in two new databases of the server. */
    FactoryDatabases buildFactories(O11Factory factory) throws SQLException {
        FactoryDatabases built = factory.createDatabases(postgres, "demo");
        synchronized (this) {
            databases = built;
        }
        return built;
    }

    synchronized SimulatorServer startSimulator(SimulatorState state) {
        checkOpen();
        simulator = SimulatorServer.start(state);
        return simulator;
    }

    /** Leaves the PostgreSQL server running with both databases when the demo ends (--keep). */
    synchronized void keepDatabases() {
        keepDatabases = true;
    }

    synchronized Optional<FactoryDatabases> databases() {
        return Optional.ofNullable(databases);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the demo is shutting down");
        }
    }

    /** Stops the simulator and PostgreSQL (deleting its data unless kept) and deletes the work directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (simulator != null) {
            simulator.close();
        }
        if (postgres != null && !keepDatabases) {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        deleteTree(workDir);
        if (failure != null) {
            throw failure;
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo's work directory " + root, e);
        }
    }
}
