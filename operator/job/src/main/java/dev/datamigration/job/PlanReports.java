package dev.datamigration.job;

import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.task.PlannedApp;
import dev.datamigration.api.task.PlannedEntity;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.job.users.UsersPlanCheck;
import java.util.List;

/** Maps the engine's {@link Plan} to the contract's plan.json and to a readable summary. */
final class PlanReports {

    private PlanReports() {
    }

    public static PlanReport toReport(Plan plan) {
        PlanReport report = new PlanReport();
        report.setApps(plan.apps().stream().map(PlanReports::app).toList());
        report.setWarnings(List.copyOf(plan.warnings()));
        report.setErrors(List.copyOf(plan.errors()));
        return report;
    }

    private static PlannedApp app(AppPlan a) {
        PlannedApp app = new PlannedApp();
        app.setName(a.name());
        app.setWave(a.wave());
        app.setDependsOn(List.copyOf(a.dependsOn()));
        app.setEntities(a.entities().stream().map(PlanReports::entity).toList());
        List<String> masked = a.maskedAttributes();
        app.setMaskedAttributes(masked.isEmpty() ? null : masked);
        return app;
    }

    private static PlannedEntity entity(EntityPlan e) {
        PlannedEntity entity = new PlannedEntity();
        entity.setName(e.name());
        entity.setModule(e.module());
        entity.setSourceTable(e.sourceTable());
        entity.setTargetTable(e.targetTable());
        entity.setEstimatedRows(e.estimatedRows());
        return entity;
    }

    /** A summary for a terminal. */
    public static String summary(Plan plan) {
        StringBuilder sb = new StringBuilder();
        for (AppPlan app : plan.apps()) {
            sb.append("wave ").append(app.wave()).append("  ").append(app.name());
            if (!app.dependsOn().isEmpty()) {
                sb.append("  (after ").append(String.join(", ", app.dependsOn())).append(')');
            }
            sb.append('\n');
            int i = 1;
            for (EntityPlan e : app.entities()) {
                sb.append(String.format("  %2d. %-30s %s -> %s  %,d rows%n", i++, e.module() + "." + e.name(),
                        e.sourceTable(), e.targetTable(), e.estimatedRows()));
            }
            if (!app.maskedAttributes().isEmpty()) {
                sb.append("  masked in flight: ").append(String.join(", ", app.maskedAttributes())).append('\n');
            }
        }
        if (!plan.warnings().isEmpty()) {
            sb.append("warnings:\n");
            plan.warnings().forEach(w -> sb.append("  - ").append(w).append('\n'));
        }
        if (!plan.errors().isEmpty()) {
            sb.append("errors:\n");
            plan.errors().forEach(e -> sb.append("  - ").append(e).append('\n'));
        }
        sb.append(plan.ok() ? "plan OK" : "plan FAILED: " + plan.errors().size() + " error(s)").append('\n');
        return sb.toString();
    }

    /** The end users part of the summary (ODC targets). */
    public static String usersSummary(UsersPlanCheck.Result users) {
        StringBuilder sb = new StringBuilder();
        sb.append("end users: ").append(users.counts().getMatched()).append(" matched to ODC users by e-mail");
        if (users.counts().getToCreate() != null) {
            sb.append(", ").append(users.counts().getToCreate()).append(" to create");
        }
        if (users.counts().getSetNull() > 0) {
            sb.append(", ").append(users.counts().getSetNull()).append(" unmatched (references set to NULL)");
        }
        sb.append('\n');
        users.errors().forEach(e -> sb.append("  - ").append(e).append('\n'));
        return sb.toString();
    }
}
