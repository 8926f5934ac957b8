package dev.datamigration.devtools.demo;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.devtools.demo.TextTable.Align;
import dev.datamigration.devtools.demo.TextTable.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The demo's closing report: one row per copied entity (source rows, copied rows, rows now in QA counted after the
 * run, whether the copier verified it and its content hash, time), totals, the platform calls in order, and the
 * final phase.
 */
final class Summary {

    private static final int HASH_DIGITS = 12;

    private final Style style;

    Summary(Style style) {
        this.style = style;
    }

    /**
     * @param migration the final state
     * @param inTarget  rows in each copied entity's target table after the run, by {@code app/entity}
     * @param steps     the platform calls that changed something, in order
     * @param reads     how many read-only platform calls were made
     */
    List<String> render(MigrationSnapshot migration, Map<String, Long> inTarget, List<PlatformStep> steps,
            long reads) {
        List<String> lines = new ArrayList<>();
        String took = migration.elapsed() == null ? "" : " in " + migration.elapsed();
        lines.add(style.bold("Summary: " + migration.name() + " " + migration.source() + " " + style.arrow() + " "
                + migration.target() + took));
        lines.add("");
        TextTable table = new TextTable(
                List.of("App", "Entity", "Source rows", "Copied rows", "In " + migration.target(), "Verified",
                        "Hash", "Time"),
                List.of(Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.LEFT, Align.LEFT,
                        Align.RIGHT));
        long source = 0;
        long copied = 0;
        long target = 0;
        long millis = 0;
        int entities = 0;
        int verified = 0;
        for (AppSnapshot app : migration.apps()) {
            String appName = app.name();
            for (EntityProgress entity : app.entities()) {
                long sourceRows = orZero(entity.getSourceRows());
                long copiedRows = orZero(entity.getCopiedRows());
                Long targetRows = inTarget.get(app.name() + "/" + entity.getName());
                boolean ok = entity.getState() == EntityState.Verified && entity.getHash() != null;
                entities++;
                verified += ok ? 1 : 0;
                source += sourceRows;
                copied += copiedRows;
                target += orZero(targetRows);
                millis += orZero(entity.getMs());
                UnaryOperator<String> match = targetRows != null && targetRows == sourceRows ? UnaryOperator.identity()
                        : style::red;
                table.row(List.of(Cell.of(appName), Cell.of(entity.getName()), Cell.of(count(sourceRows)),
                        Cell.of(count(copiedRows)),
                        new Cell(targetRows == null ? "-" : count(targetRows), match),
                        ok ? new Cell("yes", style::green) : new Cell(entity.getState() == null ? "no"
                                : "no (" + entity.getState() + ")", style::red),
                        Cell.of(entity.getHash() == null ? "-" : entity.getHash().substring(0,
                                Math.min(HASH_DIGITS, entity.getHash().length()))),
                        Cell.of(Durations.seconds(orZero(entity.getMs())))));
                appName = "";
            }
        }
        table.rule();
        UnaryOperator<String> allVerified = verified == entities && entities > 0 ? style::green : style::red;
        table.row(List.of(Cell.of("Total"), Cell.of(entities + (entities == 1 ? " entity" : " entities")),
                Cell.of(count(source)), Cell.of(count(copied)), Cell.of(count(target)),
                new Cell(verified + "/" + entities, allVerified), Cell.of(""), Cell.of(Durations.seconds(millis))));
        lines.addAll(table.render("  ", style::bold));
        lines.add("");
        lines.add(style.bold("Platform calls") + " (in order, as the simulator received them; " + reads
                + " read-only calls not listed)");
        if (steps.isEmpty()) {
            lines.add("  none");
        }
        TextTable calls = new TextTable(List.of("#", "Call", "Change", "Repeated", "Meaning"),
                List.of(Align.RIGHT, Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT));
        for (int i = 0; i < steps.size(); i++) {
            PlatformStep step = steps.get(i);
            calls.row(List.of(Cell.of((i + 1) + "."), Cell.of(step.method() + " " + step.path()),
                    Cell.of(step.change()), Cell.of(step.times() > 1 ? "x" + step.times() : ""),
                    Cell.of(step.what())));
        }
        if (!steps.isEmpty()) {
            lines.addAll(calls.render("  ", null));
        }
        lines.add("");
        String phase = migration.phase().name();
        lines.add("Final phase: " + (migration.phase() == Phase.Succeeded ? style.bold(style.green(phase))
                : style.bold(style.red(phase))) + (migration.message() == null || migration.phase() == Phase.Succeeded
                ? "" : " - " + migration.message()));
        return lines;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String count(long value) {
        return String.format("%,d", value);
    }
}
