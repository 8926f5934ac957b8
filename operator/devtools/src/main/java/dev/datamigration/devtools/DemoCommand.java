package dev.datamigration.devtools;

import dev.datamigration.devtools.demo.Demo;
import dev.datamigration.devtools.demo.OdcDemo;
import dev.datamigration.devtools.demo.Style;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole product on this machine, from nothing to a verified refresh and back to nothing. */
@Command(name = "demo",
        description = {"Refreshes an O11 QA factory from Production on this machine: two embedded PostgreSQL",
            "databases with a generated factory, the platform simulator as LifeTime, and a local run of",
            "examples/demo (the real operator and copier). Shows the progress live, prints a verified summary",
            "and removes everything it started. Exit code 0 only when the migration Succeeded."})
final class DemoCommand implements Callable<Integer> {

    /** About a minute of copying on a 2-core machine (see README.md, "The demo"). */
    static final int DEFAULT_SCALE = 500;

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", defaultValue = "" + DEFAULT_SCALE, paramLabel = "N",
            description = "Factory size: row-count multiplier (default: ${DEFAULT-VALUE}; 1 is a few dozen rows"
                    + " per entity).")
    int scale;

    @Option(names = "--keep", description = "Leave PostgreSQL running with both databases and print their URLs.")
    boolean keep;

    @Option(names = "--no-color", description = "No colours (also when the NO_COLOR environment variable is set).")
    boolean noColor;

    @Option(names = "--timeout", defaultValue = "PT15M",
            description = "Longest wait for the migration to end, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--cutover", description = "Two-pass cutover: source.downtime StopAfterCopy; about 1%% of the rows"
            + " are changed in Production while the bulk copy runs, and the summary shows Production's downtime next to"
            + " the bulk copy's time.")
    boolean cutover;

    @Option(names = "--manifests", paramLabel = "DIR",
            description = "Read migration.yaml and simulator-state.yaml from DIR (an edited copy of examples/demo)"
                    + " instead of the copy inside the jar.")
    Path manifests;

    @Option(names = "--odc",
            description = "O11 to ODC instead: O11 Production into an ODC stage laid out on embedded PostgreSQL, with"
                    + " the simulator as LifeTime and the ODC portal (see README.md, \"The demo\").")
    boolean odc;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    DemoCommand() {
        this(terminalStream(), System.err, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    /** For tests: where to write, and whether that is a terminal. */
    DemoCommand(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (scale < 1) {
            throw new ParameterException(spec.commandLine(), "--scale must be 1 or more, was " + scale);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive, was " + timeout);
        }
        boolean color = !noColor && System.getenv("NO_COLOR") == null;
        Style style = terminal ? Style.terminal(color) : Style.plain();
        Path manifestDir = manifests == null ? null : manifests.toAbsolutePath();
        if (odc && manifestDir != null) {
            throw new ParameterException(spec.commandLine(), "--manifests is for the O11 demo; --odc builds its"
                    + " manifests from the stage it lays out");
        }
        if (odc && cutover) {
            throw new ParameterException(spec.commandLine(), "--cutover runs with the O11 demo only; run it without"
                    + " --odc");
        }
        Demo.Settings settings = new Demo.Settings(scale, keep, terminal, style, timeout, manifestDir);
        return odc ? new OdcDemo(settings, out, err).run() : new Demo(settings, out, err).cutover(cutover).run();
    }

    /** stdout in UTF-8: the live view draws bars with block characters whatever the platform encoding is. */
    private static PrintStream terminalStream() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }
}
