package dev.datamigration.devtools.demo;

import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.UserCountsStatus;
import dev.datamigration.devtools.demo.TextTable.Align;
import dev.datamigration.devtools.demo.TextTable.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ODC part of {@code demo --odc}'s closing report, from the final status: each O11 app with the ODC app it went
 * into, the entities the status lists as migrated and the rows now in the stage; then the end users matched by
 * e-mail, created through the Identity API and set to NULL.
 */
final class OdcSummary {

    private final Style style;

    OdcSummary(Style style) {
        this.style = style;
    }

    /**
     * @param migration  the DataMigration at the end of the run
     * @param inStage    rows in each copied entity's stage table after the run, by {@code app/entity}
     * @param odcUsers   how many end users ODC's Identity service holds after the run
     */
    List<String> render(DataMigration migration, Map<String, Long> inStage, int odcUsers) {
        List<String> lines = new ArrayList<>();
        lines.add(style.bold("ODC apps") + " in stage " + migration.getSpec().getTarget().getEnvironment());
        TextTable apps = new TextTable(List.of("App", "ODC app", "Migrated entities", "Rows in stage"),
                List.of(Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT));
        List<AppStatus> statuses = migration.getStatus() == null || migration.getStatus().getApps() == null
                ? List.of() : migration.getStatus().getApps();
        for (AppStatus app : statuses) {
            long rows = inStage.entrySet().stream().filter(e -> e.getKey().startsWith(app.getName() + "/"))
                    .mapToLong(Map.Entry::getValue).sum();
            int migrated = app.getMigratedEntities() == null ? 0 : app.getMigratedEntities().size();
            apps.row(List.of(Cell.of(app.getName()), Cell.of(app.getOdcApp() == null ? "-" : app.getOdcApp()),
                    Cell.of(Integer.toString(migrated)), Cell.of(String.format("%,d", rows))));
        }
        lines.addAll(apps.render("  ", style::bold));
        lines.add("");
        UserCountsStatus users = migration.getStatus() == null ? null : migration.getStatus().getUsers();
        if (users == null) {
            lines.add(style.bold("End users") + ": no counts in the status");
        } else {
            lines.add(style.bold("End users") + " (users.match Email, unmatched Create): " + count(users.getMatched())
                    + " matched by e-mail, " + count(users.getCreated()) + " created through the Identity API, "
                    + count(users.getSetNull()) + " set to NULL; " + odcUsers + " users in ODC now");
        }
        lines.add("");
        return lines;
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }
}
