package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.AppDef;
import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.PhysicalTable;
import dev.datamigration.engine.dialect.Values;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds a {@link Plan} from the two catalogs (design.md §6): scope, pairing by SS_KEY pairs, physical resolution,
 * column translation, load order with cycle breaking, app waves, wipe plans, warnings and errors. Read-only.
 */
public final class Planner {

    /** Name of the hidden tenant column of multi-tenant entities. */
    static final String TENANT_COLUMN = "TENANT_ID";

    /** Counts the rows of a source table (the row estimate). */
    @FunctionalInterface
    public interface RowCounter {
        long count(String sourceTable) throws SQLException;
    }

    private final Catalog source;
    private final Catalog target;
    private final TargetColumns columnsOf;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private Planner(Catalog source, Catalog target, TargetColumns columnsOf) {
        this.source = source;
        this.target = target;
        this.columnsOf = columnsOf;
    }

    /**
     * Plans the copy of {@code apps} (application names, or {@code ["*"]} for every active source app with entities).
     */
    public static Plan plan(Catalog source, Catalog target, List<String> apps, RowCounter counter)
            throws SQLException {
        return plan(source, target, apps, counter, TargetColumns.ATTRIBUTE_NAMES);
    }

    /** {@link #plan(Catalog, Catalog, List, RowCounter)} with the target's column names given by {@code columns}. */
    public static Plan plan(Catalog source, Catalog target, List<String> apps, RowCounter counter,
                            TargetColumns columns) throws SQLException {
        return new Planner(source, target, columns).build(apps, counter);
    }

    private Plan build(List<String> requested, RowCounter counter) throws SQLException {
        List<String> apps = resolveApps(requested);
        if (!errors.isEmpty()) {
            return new Plan(List.of(), List.of(), Map.of(), List.copyOf(warnings), List.copyOf(errors));
        }
        Set<String> appSet = new HashSet<>(apps);
        Map<EntityKey, EntityDef> sourceScope = scope(source, appSet);
        Map<EntityKey, EntityDef> targetScope = scope(target, appSet);

        for (EntityDef s : sourceScope.values()) {
            if (!targetScope.containsKey(s.key())) {
                warnings.add("source-only entity " + source.label(s) + " is not in the target: not copied");
            }
        }
        Map<EntityKey, PhysicalTable> targetTables = new HashMap<>();
        for (EntityDef t : targetScope.values()) {
            Optional<PhysicalTable> table = target.schema().table(t.physicalTableName());
            if (table.isEmpty()) {
                errors.add("missing physical table " + t.physicalTableName() + " of " + target.label(t)
                        + " in the target");
            } else {
                targetTables.put(t.key(), table.get());
            }
            if (!sourceScope.containsKey(t.key())) {
                warnings.add("target-only entity " + target.label(t) + " has no source entity: its target rows are"
                        + " deleted and none are copied");
            }
        }

        List<Edge> edges = edges(targetScope, targetTables);
        EntityOrder.Result order = EntityOrder.order(targetScope.keySet(), edges, k -> target.label(
                targetScope.get(k)));
        for (List<EntityKey> cycle : order.mandatoryCycles()) {
            errors.add("mandatory reference cycle between " + cycle.stream().map(k -> target.label(
                    targetScope.get(k))).collect(Collectors.joining(", ")) + ": no order can load them; make one"
                    + " of the references optional");
        }
        Set<String> deferredEdges = new HashSet<>();
        for (Edge e : order.deferred()) {
            deferredEdges.add(e.from() + "/" + e.attributeKey());
            String fromApp = appName(target, targetScope.get(e.from()));
            String toApp = appName(target, targetScope.get(e.to()));
            if (!fromApp.equals(toApp)) {
                errors.add("applications " + fromApp + " and " + toApp + " reference each other in a cycle ("
                        + target.label(targetScope.get(e.from())) + "." + e.attributeName() + " -> "
                        + target.label(targetScope.get(e.to())) + "): their copy Jobs cannot run one after the other");
            }
        }

        Map<EntityKey, EntityPlan> entityPlans = new LinkedHashMap<>();
        List<DeferredReference> deferred = new ArrayList<>();
        for (EntityKey key : order.order()) {
            EntityDef s = sourceScope.get(key);
            EntityDef t = targetScope.get(key);
            if (s == null || !targetTables.containsKey(key)) {
                continue;
            }
            Optional<PhysicalTable> sourceTable = source.schema().table(s.physicalTableName());
            if (sourceTable.isEmpty()) {
                errors.add("missing physical table " + s.physicalTableName() + " of " + source.label(s)
                        + " in the source");
                continue;
            }
            EntityPlan plan = entityPlan(s, t, sourceTable.get(), targetTables.get(key), targetScope, deferredEdges,
                    counter);
            if (plan != null) {
                entityPlans.put(key, plan);
                for (ColumnPlan c : plan.columns()) {
                    if (c.deferred()) {
                        deferred.add(new DeferredReference(key, c, c.referenced()));
                    }
                }
            }
        }

        Map<String, List<String>> dependsOn = appDependencies(apps, edges, deferredEdges, targetScope);
        Map<String, Integer> waves = waves(apps, dependsOn);
        List<AppPlan> appPlans = new ArrayList<>();
        for (String app : apps) {
            List<EntityPlan> entities = entityPlans.values().stream().filter(p -> p.app().equals(app)).toList();
            appPlans.add(new AppPlan(app, waves.getOrDefault(app, 0), dependsOn.get(app), entities));
        }
        appPlans.sort(Comparator.comparingInt(AppPlan::wave));
        Map<String, WipePlan> wipes = new LinkedHashMap<>();
        for (String app : apps) {
            wipes.put(app, wipePlan(app, targetScope, targetTables, order));
        }
        return new Plan(List.copyOf(appPlans), List.copyOf(deferred), wipes, List.copyOf(warnings),
                List.copyOf(errors));
    }

    private List<String> resolveApps(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            errors.add("no applications named: apps must list application names or \"*\"");
            return List.of();
        }
        List<String> apps = new ArrayList<>();
        if (requested.size() == 1 && "*".equals(requested.get(0).trim())) {
            for (AppDef app : source.apps().values()) {
                boolean hasEntities = source.entities().values().stream().anyMatch(e -> e.isCopyable()
                        && app.moduleIds().contains(e.module().id()));
                if (hasEntities) {
                    apps.add(app.name());
                }
            }
        } else {
            for (String name : requested) {
                if (!source.apps().containsKey(name)) {
                    errors.add("unknown application " + name + ": no active application of that name in the source");
                } else if (!apps.contains(name)) {
                    apps.add(name);
                }
            }
        }
        for (String name : apps) {
            if (!target.apps().containsKey(name)) {
                errors.add("application " + name + " is not an active application in the target: publish it there"
                        + " first");
            }
        }
        return apps;
    }

    private static Map<EntityKey, EntityDef> scope(Catalog catalog, Set<String> apps) {
        Map<EntityKey, EntityDef> scope = new LinkedHashMap<>();
        for (EntityDef e : catalog.entities().values()) {
            if (e.isCopyable() && catalog.appOf(e).map(a -> apps.contains(a.name())).orElse(false)) {
                scope.put(e.key(), e);
            }
        }
        return scope;
    }

    private static String appName(Catalog catalog, EntityDef entity) {
        return catalog.appOf(entity).map(AppDef::name).orElse(entity.module().name());
    }

    /** Constrained references between in-scope target entities. */
    private List<Edge> edges(Map<EntityKey, EntityDef> scope, Map<EntityKey, PhysicalTable> tables) {
        List<Edge> edges = new ArrayList<>();
        for (EntityDef e : scope.values()) {
            for (AttributeDef a : e.activeAttributes()) {
                if (a.constrained() && scope.containsKey(a.type().reference())) {
                    boolean nullable = Optional.ofNullable(tables.get(e.key()))
                            .flatMap(t -> t.column(columnsOf.column(e, a)))
                            .map(PhysicalColumn::nullable).orElse(true);
                    edges.add(new Edge(e.key(), a.key(), a.name(), a.type().reference(), !a.mandatory() && nullable));
                }
            }
        }
        return edges;
    }

    private EntityPlan entityPlan(EntityDef s, EntityDef t, PhysicalTable sTable, PhysicalTable tTable,
                                  Map<EntityKey, EntityDef> targetScope, Set<String> deferredEdges,
                                  RowCounter counter) throws SQLException {
        String label = target.label(t);
        int errorsBefore = errors.size();
        Map<String, AttributeDef> sourceAttrs = new HashMap<>();
        s.activeAttributes().forEach(a -> sourceAttrs.put(a.key(), a));
        Set<String> usedTargetColumns = new HashSet<>();
        Set<String> usedSourceAttrs = new HashSet<>();
        List<ColumnPlan> columns = new ArrayList<>();
        ColumnPlan identifier = null;
        Optional<AttributeDef> tId = t.identifier();
        if (tId.isEmpty() || s.identifier().isEmpty()) {
            errors.add(label + " has no identifier attribute (PRIMARYKEY_SS_KEY) in the "
                    + (tId.isEmpty() ? "target" : "source"));
        }
        for (AttributeDef ta : t.activeAttributes()) {
            Optional<PhysicalColumn> tCol = tTable.column(columnsOf.column(t, ta));
            if (tCol.isEmpty()) {
                errors.add("missing physical column " + columnsOf.column(t, ta) + " of " + label + " in target table "
                        + tTable.name());
                continue;
            }
            usedTargetColumns.add(tCol.get().name().toUpperCase(Locale.ROOT));
            AttributeDef sa = sourceAttrs.get(ta.key());
            ColumnPlan column;
            if (sa == null) {
                Object constant = ta.type().isReference() ? null : targetOnlyDefault(label, ta, tCol.get());
                warnings.add("target-only attribute " + label + "." + ta.name() + " filled with "
                        + Values.display(constant));
                column = new ColumnPlan(ta.name(), tCol.get(), null, constant, RefKind.NONE, null, false);
            } else {
                usedSourceAttrs.add(sa.key());
                Optional<PhysicalColumn> sCol = sTable.column(sa.name());
                if (sCol.isEmpty()) {
                    errors.add("missing physical column " + sa.name() + " of " + label + " in source table "
                            + sTable.name());
                    continue;
                }
                column = copiedColumn(label, t, ta, tCol.get(), sCol.get(), targetScope, deferredEdges);
                if (column == null) {
                    continue;
                }
            }
            columns.add(column);
            if (tId.isPresent() && tId.get().key().equals(ta.key())) {
                identifier = column;
            }
        }
        for (AttributeDef sa : s.activeAttributes()) {
            if (!usedSourceAttrs.contains(sa.key())) {
                warnings.add("source-only attribute " + label + "." + sa.name() + " is not in the target: not copied");
            }
        }
        tenantColumn(label, sTable, tTable, usedTargetColumns).ifPresent(columns::add);
        for (PhysicalColumn leftover : tTable.columns()) {
            if (!usedTargetColumns.contains(leftover.name().toUpperCase(Locale.ROOT)) && !leftover.nullable()
                    && !leftover.hasDefault()) {
                Object constant = Values.typeDefault(leftover.kind());
                warnings.add("leftover target column " + label + "." + leftover.name() + " (no active attribute, NOT"
                        + " NULL, no default) filled with " + Values.display(constant));
                columns.add(new ColumnPlan(leftover.name(), leftover, null, constant, RefKind.NONE, null, false));
            }
        }
        if (errors.size() > errorsBefore || identifier == null) {
            return null;
        }
        if (!identifier.copied()) {
            errors.add(label + ": the identifier attribute is not in the source");
            return null;
        }
        return new EntityPlan(t.key(), appName(target, t), t.module().name(), t.name(), sTable.name(),
                tTable.name(), eventTable(t), identifier, List.copyOf(columns), counter.count(sTable.name()));
    }

    private ColumnPlan copiedColumn(String label, EntityDef t, AttributeDef ta, PhysicalColumn tCol,
                                    PhysicalColumn sCol, Map<EntityKey, EntityDef> targetScope,
                                    Set<String> deferredEdges) {
        if (!ta.type().isReference()) {
            return new ColumnPlan(ta.name(), tCol, sCol, null, RefKind.NONE, null, false);
        }
        EntityKey refKey = ta.type().reference();
        EntityDef referenced = target.entities().get(refKey);
        String attr = label + "." + ta.name();
        if (referenced == null) {
            errors.add("unresolved reference: " + attr + " -> an entity the target metamodel does not have ("
                    + refKey + ")");
            return null;
        }
        if (targetScope.containsKey(refKey)) {
            boolean deferred = deferredEdges.contains(t.key() + "/" + ta.key());
            return new ColumnPlan(ta.name(), tCol, sCol, null, RefKind.NONE, refKey, deferred);
        }
        if (referenced.isStatic()) {
            return new ColumnPlan(ta.name(), tCol, sCol, null, RefKind.STATIC, refKey, false);
        }
        if (target.isUserEntity(referenced)) {
            return new ColumnPlan(ta.name(), tCol, sCol, null, RefKind.USER, refKey, false);
        }
        if (target.isTenantEntity(referenced)) {
            return new ColumnPlan(ta.name(), tCol, sCol, null, RefKind.TENANT, refKey, false);
        }
        Optional<AppDef> other = target.appOf(referenced);
        if (other.isPresent()) {
            errors.add("unresolved reference: " + attr + " -> " + target.label(referenced) + " (add "
                    + other.get().name() + " to apps)");
        } else {
            errors.add("unresolved reference: " + attr + " -> " + target.label(referenced)
                    + " (an entity of a module outside every application; it is not copied)");
        }
        return null;
    }

    private Object targetOnlyDefault(String label, AttributeDef ta, PhysicalColumn column) {
        if (ta.defaultValue() != null && !ta.defaultValue().isEmpty()) {
            try {
                return Values.parse(ta.defaultValue(), column.kind());
            } catch (RuntimeException e) {
                warnings.add("default value '" + ta.defaultValue() + "' of " + label + "." + ta.name()
                        + " cannot be read as " + column.kind() + ": the type default is used");
            }
        }
        return Values.typeDefault(column.kind());
    }

    /** The hidden TENANT_ID column of a multi-tenant entity, remapped by tenant name. */
    private Optional<ColumnPlan> tenantColumn(String label, PhysicalTable sTable, PhysicalTable tTable,
                                             Set<String> usedTargetColumns) {
        if (usedTargetColumns.contains(TENANT_COLUMN)) {
            return Optional.empty();
        }
        Optional<PhysicalColumn> tCol = tTable.column(TENANT_COLUMN);
        Optional<PhysicalColumn> sCol = sTable.column(TENANT_COLUMN);
        if (tCol.isPresent() && sCol.isPresent()) {
            usedTargetColumns.add(TENANT_COLUMN);
            return Optional.of(new ColumnPlan(TENANT_COLUMN, tCol.get(), sCol.get(), null, RefKind.TENANT, null,
                    false));
        }
        if (tCol.isPresent()) {
            errors.add(label + " is multi-tenant in the target only (column " + tCol.get().name()
                    + "): the tenant of the copied rows is unknown");
        } else if (sCol.isPresent()) {
            warnings.add(label + " is multi-tenant in the source only: rows of every tenant are copied without"
                    + " their tenant");
        }
        return Optional.empty();
    }

    private String eventTable(EntityDef t) throws SQLException {
        if (t.eventTableName() == null || t.eventTableName().isBlank()) {
            return null;
        }
        return target.schema().table(t.eventTableName()).map(PhysicalTable::name).orElse(null);
    }

    private Map<String, List<String>> appDependencies(List<String> apps, List<Edge> edges, Set<String> deferredEdges,
                                                      Map<EntityKey, EntityDef> scope) {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        apps.forEach(a -> deps.put(a, new TreeSet<>()));
        for (Edge e : edges) {
            String from = appName(target, scope.get(e.from()));
            String to = appName(target, scope.get(e.to()));
            if (!from.equals(to) && !deferredEdges.contains(e.from() + "/" + e.attributeKey())) {
                deps.get(from).add(to);
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        deps.forEach((k, v) -> result.put(k, List.copyOf(v)));
        return result;
    }

    /** Wave of an app = 1 + the highest wave of the apps it depends on; a cycle between apps is a plan error. */
    private Map<String, Integer> waves(List<String> apps, Map<String, List<String>> dependsOn) {
        Map<String, Integer> waves = new HashMap<>();
        Set<String> remaining = new LinkedHashSet<>(apps);
        int wave = 0;
        while (!remaining.isEmpty()) {
            final int current = wave;
            List<String> ready = remaining.stream().filter(a -> dependsOn.get(a).stream()
                    .allMatch(d -> waves.containsKey(d) && waves.get(d) < current)).toList();
            if (ready.isEmpty()) {
                errors.add("applications reference each other in a cycle: " + String.join(", ", remaining)
                        + "; their copy Jobs cannot run one after the other");
                remaining.forEach(a -> waves.put(a, current));
                break;
            }
            ready.forEach(a -> waves.put(a, current));
            remaining.removeAll(ready);
            wave++;
        }
        return waves;
    }

    private WipePlan wipePlan(String app, Map<EntityKey, EntityDef> scope, Map<EntityKey, PhysicalTable> tables,
                              EntityOrder.Result order) throws SQLException {
        Set<EntityKey> wiped = new LinkedHashSet<>();
        scope.values().stream().filter(e -> appName(target, e).equals(app)).forEach(e -> wiped.add(e.key()));
        List<WipePlan.Blocker> blockers = new ArrayList<>();
        Set<String> blockerSeen = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (EntityDef e : target.entities().values()) {
                if (!e.isCopyable()) {
                    continue;
                }
                for (AttributeDef a : e.activeAttributes()) {
                    if (!a.constrained() || !wiped.contains(a.type().reference()) || wiped.contains(e.key())) {
                        continue;
                    }
                    if (scope.containsKey(e.key())) {
                        wiped.add(e.key());
                        grew = true;
                    } else if (blockerSeen.add(e.key() + "/" + a.key())) {
                        Optional<PhysicalTable> table = target.schema().table(e.physicalTableName());
                        Optional<PhysicalColumn> column = table.flatMap(t -> t.column(columnsOf.column(e, a)));
                        if (column.isPresent()) {
                            blockers.add(new WipePlan.Blocker(target.label(e), a.name(), table.get().name(),
                                    column.get().name(), target.label(target.entities().get(a.type().reference()))));
                        }
                    }
                }
            }
        }
        List<EntityKey> reverse = new ArrayList<>(order.order());
        java.util.Collections.reverse(reverse);
        List<String> deleteOrder = new ArrayList<>();
        List<String> eventTables = new ArrayList<>();
        for (EntityKey k : reverse) {
            if (wiped.contains(k) && tables.containsKey(k)) {
                deleteOrder.add(tables.get(k).name());
                String event = eventTable(scope.get(k));
                if (event != null) {
                    eventTables.add(event);
                }
            }
        }
        List<WipePlan.ClearColumn> clear = new ArrayList<>();
        for (Edge e : order.deferred()) {
            if (wiped.contains(e.from()) && tables.containsKey(e.from()) && !e.selfReference()) {
                EntityDef owner = scope.get(e.from());
                String column = owner.activeAttributes().stream().filter(a -> a.key().equals(e.attributeKey()))
                        .findFirst().map(a -> columnsOf.column(owner, a)).orElse(e.attributeName());
                tables.get(e.from()).column(column).ifPresent(c ->
                        clear.add(new WipePlan.ClearColumn(tables.get(e.from()).name(), c.name())));
            }
        }
        return new WipePlan(List.copyOf(eventTables), List.copyOf(clear), List.copyOf(deleteOrder),
                List.copyOf(blockers));
    }
}
