package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.CatalogReader;
import dev.datamigration.engine.dialect.Dialects;
import dev.datamigration.engine.odc.OdcMappingProposer;
import dev.datamigration.engine.odc.StageCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * {@code odc-mapping}: proposes {@code mapping.yaml} for an O11 to ODC migration from the O11 metamodel (source) and
 * the stage's tables (target), read-only ({@link OdcMappingProposer}). The file goes to {@code output} or stdout; the
 * entities left open are listed on stderr. Exit 0 when every entity is resolved, {@value #EXIT_OPEN} when the file has
 * open entries (marked {@code # OPEN} and {@code table: TODO}), 2 bad input, 1 transient failure.
 */
public final class OdcMappingRun {

    /** The proposal is written but some entities are open. */
    public static final int EXIT_OPEN = 3;

    private final PrintStream out;
    private final PrintStream err;

    public OdcMappingRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(Supplier<JobTask> taskSource, Path output) {
        try {
            JobTask task = taskSource.get();
            OdcMappingProposer.Proposal proposal;
            try (JobConnections db = JobConnections.open(task)) {
                Catalog source = new CatalogReader(Dialects.forUrl(task.getSource().getUrl()))
                        .read(db.source(), "source");
                proposal = OdcMappingProposer.propose(source, task.getApps(), StageCatalog.read(db.target()));
            }
            if (output == null) {
                out.print(proposal.yaml());
            } else {
                Files.writeString(output, proposal.yaml(), StandardCharsets.UTF_8);
            }
            if (proposal.complete()) {
                err.println("odc-mapping: every entity resolved");
                return Contracts.EXIT_OK;
            }
            err.println("odc-mapping: " + proposal.open().size() + " entit" + (proposal.open().size() == 1 ? "y"
                    : "ies") + " open:");
            proposal.open().forEach(open -> err.println("  - " + open));
            return EXIT_OPEN;
        } catch (IOException e) {
            err.println("odc-mapping failed: cannot write " + output + ": " + e.getMessage());
            return Contracts.EXIT_PERMANENT;
        } catch (Exception e) {
            err.println("odc-mapping failed: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
