package dev.datamigration.engine.odc;

import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.catalog.PhysicalSchema;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.Planner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans an O11 to ODC copy, read-only: the model check of the mapping against the O11 catalog and the stage
 * ({@link OdcModelCheck}), then, when it passes, the ordinary plan over the stand-in target catalog
 * ({@link OdcTargetCatalog}: load order, waves, wipes, deferred references) and the static records matched by label
 * ({@link OdcStaticMaps}), and, with {@code preChecks}, ODC's data limits on the source ({@link OdcPreChecks}). All of
 * their errors land in one {@link Plan}, so every problem is known before anything is stopped or written.
 */
public final class OdcPlanner {

    /** The plan, the stand-in target catalog (for masking) and the static maps (for the copy's remaps). */
    public record Result(Plan plan, Catalog target, Map<EntityKey, Map<String, String>> staticMaps) {
    }

    private OdcPlanner() {
    }

    /**
     * @param apps      O11 application names of the run, or {@code ["*"]}: every app of the mapping
     * @param preChecks whether to check ODC's data limits on the source (the plan does; the copy has been planned)
     */
    public static Result plan(Catalog source, Connection sourceConnection, Dialect sourceDialect, Connection stage,
                              Dialect stageDialect, List<String> apps, OdcMapping mapping, Planner.RowCounter counter,
                              boolean preChecks) throws SQLException {
        List<String> errors = new ArrayList<>();
        List<String> scope = scope(source, apps, mapping, errors);
        StageCatalog stageCatalog = StageCatalog.read(stage);
        endRead(stage);
        OdcModelCheck.Result check = OdcModelCheck.check(source, scope, mapping, stageCatalog);
        errors.addAll(check.errors());
        Plan planned = null;
        Catalog target = null;
        Map<EntityKey, Map<String, String>> staticMaps = Map.of();
        if (errors.isEmpty()) {
            PhysicalSchema schema = PhysicalSchema.load(stage, stageDialect);
            target = OdcTargetCatalog.build(source, check.entities(), schema);
            planned = Planner.plan(source, target, scope, counter, OdcTargetCatalog.columns(check.entities()));
            endRead(stage);
            errors.addAll(planned.errors());
            OdcStaticMaps.Result statics = OdcStaticMaps.match(source, sourceConnection, sourceDialect, stage,
                    stageDialect, check.entities());
            errors.addAll(statics.errors());
            staticMaps = statics.maps();
        }
        if (preChecks) {
            List<EntityDef> entities = new ArrayList<>();
            for (String app : scope) {
                entities.addAll(OdcModelCheck.entitiesOf(source, app));
            }
            errors.addAll(OdcPreChecks.run(source, sourceConnection, sourceDialect, entities));
        }
        List<String> warnings = planned == null ? List.of() : planned.warnings().stream()
                .map(OdcPlanner::odcWording).toList();
        Plan plan = planned == null || !errors.equals(planned.errors()) || !warnings.equals(planned.warnings())
                ? new Plan(planned == null ? List.of() : planned.apps(), planned == null ? List.of()
                : planned.deferred(), planned == null ? Map.of() : planned.wipes(), warnings, List.copyOf(errors))
                : planned;
        return new Result(plan, target, staticMaps);
    }

    private static List<String> scope(Catalog source, List<String> apps, OdcMapping mapping, List<String> errors) {
        if (apps == null || apps.isEmpty()) {
            errors.add("no applications named: apps must list application names or \"*\"");
            return List.of();
        }
        if (apps.size() == 1 && "*".equals(apps.get(0).trim())) {
            return mapping.apps().stream().map(OdcMapping.AppMapping::app)
                    .filter(a -> source.apps().containsKey(a)).toList();
        }
        List<String> scope = new ArrayList<>();
        for (String app : apps) {
            if (!source.apps().containsKey(app)) {
                errors.add("unknown application " + app + ": no active application of that name in the source");
            } else if (!scope.contains(app)) {
                scope.add(app);
            }
        }
        return scope;
    }

    /** The planner's wording for an O11 target, said the way it is for a stage (which has no tenants at all). */
    private static String odcWording(String warning) {
        String o11 = " is multi-tenant in the source only: rows of every tenant are copied without their tenant";
        return warning.endsWith(o11) ? warning.substring(0, warning.length() - o11.length()) + " is multi-tenant in"
                + " O11; ODC has no tenants: its rows (all in the default tenant, as the plan checks) are copied"
                + " without their tenant" : warning;
    }

    private static void endRead(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }
}
