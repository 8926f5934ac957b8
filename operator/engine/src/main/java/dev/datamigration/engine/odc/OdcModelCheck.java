package dev.datamigration.engine.odc;

import dev.datamigration.engine.catalog.AppDef;
import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.odc.StageCatalog.StageColumn;
import dev.datamigration.engine.odc.StageCatalog.StageTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model consistency check of an O11 to ODC plan, before anything is stopped or written: the mapping against the
 * O11 catalog (unknown apps and entities, entities of an app without a mapping) and every mapped entity against its
 * stage table (table or column missing, incompatible type ({@link OdcTypes}), optional in O11 but NOT NULL in ODC, an
 * ODC-only NOT NULL column without a default, a foreign key to another table than the referenced entity's). Every
 * mismatch is listed, naming entity and attribute and both sides' types. What OutSystems' own tool checks is
 * described in reference/outsystems.md §4; these rules are the equivalent on physical tables.
 */
public final class OdcModelCheck {

    /** A mapped O11 entity and its stage table (null when the table is missing). */
    public record Resolved(EntityDef entity, String app, OdcMapping.EntityMapping mapping, StageTable table) {

        public String label() {
            return entity.module().name() + "." + entity.name();
        }
    }

    /** The errors, and the mapped entities by key. */
    public record Result(List<String> errors, Map<EntityKey, Resolved> entities) {
    }

    private final Catalog source;
    private final OdcMapping mapping;
    private final StageCatalog stage;
    private final List<String> errors = new ArrayList<>();
    private final Map<EntityKey, Resolved> resolved = new LinkedHashMap<>();

    private OdcModelCheck(Catalog source, OdcMapping mapping, StageCatalog stage) {
        this.source = source;
        this.mapping = mapping;
        this.stage = stage;
    }

    /** Checks the mapping of {@code apps} (O11 application names of the run). */
    public static Result check(Catalog source, List<String> apps, OdcMapping mapping, StageCatalog stage) {
        return new OdcModelCheck(source, mapping, stage).run(apps);
    }

    /** The O11 entities an app brings to ODC: its server entities and its static entities. */
    public static List<EntityDef> entitiesOf(Catalog catalog, String app) {
        return catalog.entities().values().stream()
                .filter(e -> e.isCopyable() || (e.isStatic() && e.active() && !e.system()))
                .filter(e -> catalog.appOf(e).map(a -> a.name().equals(app)).orElse(false))
                .toList();
    }

    private Result run(List<String> apps) {
        for (OdcMapping.AppMapping app : mapping.apps()) {
            if (!source.apps().containsKey(app.app())) {
                errors.add("mapping app " + app.app() + ": no active O11 application of that name in the source");
                continue;
            }
            resolveApp(app, apps.contains(app.app()));
        }
        for (String app : apps) {
            if (mapping.app(app).isEmpty()) {
                errors.add("application " + app + " has no mapping: add it to mapping.yaml (apps[].app)");
            }
        }
        for (Resolved r : resolved.values()) {
            if (r.table() != null) {
                checkEntity(r);
            }
        }
        checkStaticReferences();
        return new Result(List.copyOf(errors), Map.copyOf(resolved));
    }

    private void resolveApp(OdcMapping.AppMapping app, boolean inScope) {
        List<EntityDef> entities = entitiesOf(source, app.app());
        Set<EntityKey> mapped = new HashSet<>();
        for (OdcMapping.EntityMapping e : app.entities()) {
            Optional<EntityDef> entity = entities.stream().filter(d -> d.module().name().equals(e.module())
                    && d.name().equals(e.name())).findFirst();
            if (entity.isEmpty()) {
                errors.add("app " + app.app() + ": entity " + e.entity() + " is not an active entity of the app's"
                        + " modules");
                continue;
            }
            mapped.add(entity.get().key());
            String schemaProblem = stage.schemaProblem(e.table());
            StageTable table = stage.table(e.table()).orElse(null);
            if (schemaProblem != null) {
                errors.add(e.entity() + ": " + schemaProblem);
            } else if (table == null) {
                errors.add(e.entity() + ": table " + e.table() + " does not exist in the stage (schema "
                        + stage.schema() + ")");
            }
            resolved.put(entity.get().key(), new Resolved(entity.get(), app.app(), e, table));
        }
        if (inScope) {
            for (EntityDef entity : entities) {
                if (!mapped.contains(entity.key())) {
                    errors.add("app " + app.app() + ": O11 entity " + entity.module().name() + "." + entity.name()
                            + " has no mapping");
                }
            }
        }
    }

    private void checkEntity(Resolved r) {
        String label = r.label();
        StageTable table = r.table();
        Set<String> used = new HashSet<>();
        Set<String> attributes = new HashSet<>();
        Optional<AttributeDef> identifier = r.entity().identifier();
        for (AttributeDef a : r.entity().activeAttributes()) {
            attributes.add(a.name());
            String columnName = r.mapping().column(a.name());
            Optional<StageColumn> column = table.column(columnName);
            String o11 = OdcTypes.describe(source, a);
            if (column.isEmpty()) {
                errors.add(label + "." + a.name() + " (" + o11 + "): column " + columnName + " is missing in table "
                        + table.name());
                continue;
            }
            StageColumn c = column.get();
            used.add(c.name().toLowerCase(Locale.ROOT));
            if (!OdcTypes.fits(source, a, c)) {
                errors.add(label + "." + a.name() + ": O11 " + o11 + " does not fit ODC " + c.type() + " (column "
                        + c.name() + " of " + table.name() + ")");
            }
            boolean isIdentifier = identifier.isPresent() && identifier.get().key().equals(a.key());
            if (!a.mandatory() && !isIdentifier && c.notNull()) {
                errors.add(label + "." + a.name() + ": optional in O11 but NOT NULL in ODC (column " + c.name()
                        + " of " + table.name() + ")");
            }
            checkForeignKey(label, a, c, table);
        }
        for (String attribute : r.mapping().columns().keySet()) {
            if (!attributes.contains(attribute)) {
                errors.add(label + ": columns names " + attribute + ", which is not an active attribute of the"
                        + " entity");
            }
        }
        for (StageColumn c : table.columns().values()) {
            if (!used.contains(c.name().toLowerCase(Locale.ROOT)) && c.notNull() && !c.hasDefault()) {
                errors.add(label + ": ODC-only column " + c.name() + " (" + c.type() + ") of " + table.name()
                        + " is NOT NULL without a default: the copy cannot fill it");
            }
        }
    }

    private void checkForeignKey(String label, AttributeDef a, StageColumn c, StageTable table) {
        Optional<String> fk = table.foreignKey(c.name());
        if (fk.isEmpty()) {
            return;
        }
        if (!a.type().isReference()) {
            errors.add(label + "." + a.name() + ": ODC has a foreign key from column " + c.name() + " of "
                    + table.name() + " to " + fk.get() + ", but the O11 attribute is no reference");
            return;
        }
        EntityDef referenced = source.entities().get(a.type().reference());
        if (referenced == null || source.isUserEntity(referenced)) {
            return;
        }
        Resolved target = resolved.get(referenced.key());
        String referencedLabel = referenced.module().name() + "." + referenced.name();
        if (target == null) {
            errors.add(label + "." + a.name() + ": ODC has a foreign key from column " + c.name() + " of "
                    + table.name() + " to " + fk.get() + ", but " + referencedLabel + " has no mapping");
        } else if (target.table() != null && !target.table().name().equalsIgnoreCase(fk.get())) {
            errors.add(label + "." + a.name() + ": ODC foreign key from column " + c.name() + " of " + table.name()
                    + " points at " + fk.get() + ", but the referenced " + referencedLabel + " is mapped to "
                    + target.table().name());
        }
    }

    /** A static entity referenced by a mapped entity must be mapped too: its records are matched by label. */
    private void checkStaticReferences() {
        Set<String> reported = new HashSet<>();
        for (Resolved r : resolved.values()) {
            for (AttributeDef a : r.entity().activeAttributes()) {
                if (!a.type().isReference()) {
                    continue;
                }
                EntityDef referenced = source.entities().get(a.type().reference());
                if (referenced != null && referenced.isStatic() && !resolved.containsKey(referenced.key())
                        && reported.add(r.label() + "." + a.name())) {
                    String app = source.appOf(referenced).map(AppDef::name).orElse("no application");
                    errors.add(r.label() + "." + a.name() + " references static entity "
                            + referenced.module().name() + "." + referenced.name() + " (" + app + "), which the"
                            + " mapping does not map");
                }
            }
        }
    }
}
