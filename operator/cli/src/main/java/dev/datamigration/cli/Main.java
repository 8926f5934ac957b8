package dev.datamigration.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The product's executable, the entry point of the image: the operator and the plan and copy commands its Jobs run.
 * The development tools (local mode, demo, bench, simulator) are a separate jar, {@code operator/devtools}, whose
 * main class offers these commands too.
 */
@Command(name = "datamigration",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Declarative OutSystems application data migration.",
        subcommands = {
            CommandLine.HelpCommand.class,
            OperatorCommand.class,
            PlanCommand.class,
            CopyCommand.class,
            OdcMappingCommand.class,
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
