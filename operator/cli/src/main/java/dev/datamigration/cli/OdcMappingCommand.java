package dev.datamigration.cli;

import dev.datamigration.api.task.TaskKind;
import dev.datamigration.job.OdcMappingRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Proposes the mapping.yaml of an O11 to ODC migration (read-only): the arguments of an {@link OdcMappingRun}. */
@Command(name = "odc-mapping", mixinStandardHelpOptions = true,
        description = "Propose mapping.yaml for an ODC target from the O11 metamodel (source) and the stage's tables"
                + " (target), read-only. Exit 0 every entity resolved, 3 some left open (marked # OPEN), 2 bad input,"
                + " 1 transient failure.")
public final class OdcMappingCommand extends JobCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "FILE", description = "write mapping.yaml here (default: stdout)")
    Path output;

    public OdcMappingCommand() {
        this(System.out, System.err);
    }

    public OdcMappingCommand(PrintStream out, PrintStream err) {
        super(Optional::empty, out, err);
    }

    @Override
    public Integer call() {
        return new OdcMappingRun(out, err).run(() -> options.effectiveTask(TaskKind.Plan, null), output);
    }
}
