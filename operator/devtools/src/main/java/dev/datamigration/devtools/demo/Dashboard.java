package dev.datamigration.devtools.demo;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The live view's frame: the phase pipeline, one bar per app (entities migrated of total, and what it copies now),
 * rows copied and rows per second, elapsed time. Lines stay within {@value #WIDTH} columns so that a redraw in place
 * never wraps.
 */
final class Dashboard {

    static final int WIDTH = 78;
    private static final int BAR = 24;
    private static final List<Phase> PIPELINE = List.of(Phase.Validating, Phase.Planning, Phase.Quiescing,
            Phase.Copying, Phase.Restoring);

    private final Style style;

    Dashboard(Style style) {
        this.style = style;
    }

    List<String> render(MigrationSnapshot snapshot, Duration elapsed, long rowsPerSecond) {
        List<String> lines = new ArrayList<>();
        String title = snapshot.name() + "  " + snapshot.source() + " " + style.arrow() + " " + snapshot.target();
        String clock = "elapsed " + Durations.clock(elapsed);
        lines.add(style.bold(snapshot.name()) + "  " + snapshot.source() + " " + style.arrow() + " "
                + snapshot.target() + " ".repeat(Math.max(2, WIDTH - title.length() - clock.length())) + clock);
        lines.add(phases(snapshot.phase()));
        int nameWidth = snapshot.apps().stream().mapToInt(a -> a.name().length()).max().orElse(0);
        int countWidth = snapshot.apps().stream().mapToInt(a -> counts(a).length()).max().orElse(0);
        for (AppSnapshot app : snapshot.apps()) {
            String prefix = "  " + pad(app.name(), nameWidth) + "  ";
            String count = padLeft(counts(app), countWidth);
            int room = WIDTH - prefix.length() - BAR - 2 - count.length() - 2;
            lines.add(prefix + style.bar(app.migrated(), app.total(), BAR) + "  " + count + "  " + detail(app, room));
        }
        StringBuilder rows = new StringBuilder("  rows ").append(String.format("%,d", snapshot.rowsCopied()));
        if (snapshot.rowsEstimated() != null) {
            rows.append(" of ").append(String.format("%,d", snapshot.rowsEstimated()));
        }
        rows.append(" copied  ").append(style.separator()).append("  ")
                .append(String.format("%,d", rowsPerSecond)).append(" rows/s");
        lines.add(rows.toString());
        if (snapshot.message() != null && !snapshot.message().isBlank()) {
            lines.add("  " + style.dim(truncate(snapshot.message(), WIDTH - 2)));
        }
        return lines;
    }

    private String phases(Phase current) {
        StringBuilder line = new StringBuilder(" ");
        int reached = current == Phase.Succeeded ? PIPELINE.size() : PIPELINE.indexOf(current);
        for (int i = 0; i < PIPELINE.size(); i++) {
            String name = PIPELINE.get(i).name();
            line.append(' ');
            if (i < reached) {
                line.append(name).append(' ').append(style.green(style.check()));
            } else if (i == reached) {
                line.append(style.bold(style.cyan("[" + name + "]")));
            } else {
                line.append(style.dim(name));
            }
            line.append(' ');
        }
        if (current == Phase.Pending) {
            line.insert(0, "  " + style.bold(style.cyan("[Pending]")));
        } else if (current == Phase.Succeeded) {
            line.append(' ').append(style.bold(style.green(current.name())));
        } else if (current.isTerminal()) {
            line.append(' ').append(style.bold(style.red(current.name())));
        }
        return line.toString().stripTrailing();
    }

    private static String counts(AppSnapshot app) {
        return app.migrated() + "/" + app.total();
    }

    /** What the app does now, in at most {@code room} visible characters. */
    private String detail(AppSnapshot app, int room) {
        switch (app.phase()) {
            case Succeeded:
                return style.green(truncate("done, " + String.format("%,d", app.copiedRows()) + " rows", room));
            case Failed:
            case Cancelled:
                String why = app.message() == null ? app.phase().name() : app.phase() + ": " + app.message();
                return style.red(truncate(why, room));
            case Pending:
                return style.dim(truncate("waiting", room));
            default:
                break;
        }
        for (EntityProgress entity : app.entities()) {
            if (entity.getState() == EntityState.Copying) {
                long copied = entity.getCopiedRows() == null ? 0 : entity.getCopiedRows();
                String of = entity.getSourceRows() == null ? "" : "/" + String.format("%,d", entity.getSourceRows());
                return truncate(entity.getName() + " " + String.format("%,d", copied) + of, room);
            }
            if (entity.getState() == EntityState.Copied) {
                return truncate(entity.getName() + " verifying", room);
            }
        }
        if (app.entities().isEmpty()) {
            return truncate(app.phase() == AppPhase.Running ? "starting" : app.phase().name(), room);
        }
        // between two entities: the copier is on its way to the next one
        return truncate(app.entities().stream().filter(e -> e.getState() == EntityState.Pending).findFirst()
                .map(e -> e.getName() + " next").orElse("finishing"), room);
    }

    static String truncate(String text, int room) {
        if (room <= 0) {
            return "";
        }
        return text.length() <= room ? text : text.substring(0, Math.max(0, room - 3)) + "...";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
