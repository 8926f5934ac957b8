package dev.datamigration.devtools;

import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code datamigration simulator --state FILE [--port N]}: runs the platform simulator (LifeTime API v2 and the ODC
 * APIs) in the foreground on 127.0.0.1 until interrupted, and prints the URLs to put into {@code platformApi.url}.
 */
@Command(name = "simulator",
        mixinStandardHelpOptions = true,
        description = "Serve the O11 LifeTime v2 and ODC platform APIs from a state file (tests and demos).")
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--state", required = true, paramLabel = "FILE",
            description = "State file (YAML or JSON): environments, stages, apps, tokens, API clients, faults.")
    private Path state;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N",
            description = "Port on 127.0.0.1 (default 0: a free port).")
    private int port;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535) {
            err.println("--port must be between 0 and 65535, was " + port);
            return 2;
        }
        if (!Files.isRegularFile(state)) {
            err.println("state file " + state + " does not exist or is not a file");
            return 2;
        }
        SimulatorState parsed;
        try {
            parsed = SimulatorState.read(state);
        } catch (IOException e) {
            err.println("cannot read state file " + state + ": " + e.getMessage());
            return 2;
        }
        SimulatorServer server;
        try {
            server = SimulatorServer.start(parsed, port);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("cannot start the simulator: " + e.getMessage());
            return 2;
        }
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Platform simulator listening on " + server.url());
        out.println("  O11 LifeTime API url: " + server.lifeTimeApiUrl());
        out.println("  ODC portal url:       " + server.odcPortalUrl());
        out.println("  call log:             " + server.url() + "/__simulator/calls");
        out.println("  faults:               " + server.url() + "/__simulator/faults");
        out.println("Press Ctrl+C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running or has run
            }
        }
        return 0;
    }
}
