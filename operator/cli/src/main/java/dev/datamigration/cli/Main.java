package dev.datamigration.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one executable: every way of running datamigration-operator starts here. */
@Command(name = "datamigration",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Declarative OutSystems application data migration.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            LocalCommand.class,
            SimulatorCommand.class,
            PlanCommand.class,
            CopyCommand.class,
            OperatorCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
