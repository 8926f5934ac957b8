package dev.datamigration.devtools;

import dev.datamigration.cli.CopyCommand;
import dev.datamigration.cli.OdcMappingCommand;
import dev.datamigration.cli.OperatorCommand;
import dev.datamigration.cli.PlanCommand;
import dev.datamigration.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The executable of {@code bin/datamigration}: the development tools around the product (demo, local mode, simulator,
 * bench) and the product's own commands, so that one launcher offers everything a user tries on a workstation. The
 * image ships only the product jar ({@link dev.datamigration.cli.Main}); local mode starts its copy Jobs with that
 * entry point too, as a pod would.
 */
@Command(name = "datamigration",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Declarative OutSystems application data migration (with the development tools).",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            LocalCommand.class,
            SimulatorCommand.class,
            PlanCommand.class,
            CopyCommand.class,
            OdcMappingCommand.class,
            OperatorCommand.class,
            BenchCommand.class,
        })
public final class DevToolsMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new DevToolsMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
