package dev.datamigration.devtools.demo;

import dev.datamigration.fixtures.o11.ExpectedEntity;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.model.AttributeSpec;
import dev.datamigration.fixtures.o11.model.EntitySpec;
import dev.datamigration.fixtures.o11.model.O11Type;
import dev.datamigration.fixtures.o11.model.Side;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What {@code demo --cutover} does to Production while the bulk copy runs: it updates about a given share of the rows
 * to copy, as users of a running factory would. Each chosen entity (numeric identifier, not static) gets one text
 * attribute reversed (same length, so no column limit is hit; not a reference and not unique, so no reference
 * dangles and no unique index is violated) on the rows whose identifier is a multiple of a step, so the changes are
 * spread over the identifier range. The changes of an app's tables are made once its bulk Job has begun copying (it
 * reads one snapshot from then on, so they are not in what it copies: the catch-up has to find them). Only updates: row counts stay as they were, which keeps the summary's "rows in
 * QA" check exact.
 */
final class ProductionChanges {

    private final FactoryDatabases databases;
    /** The UPDATE statements by app, in copy order. */
    private final Map<String, List<String>> changes;

    private ProductionChanges(FactoryDatabases databases, Map<String, List<String>> changes) {
        this.databases = databases;
        this.changes = changes;
    }

    /**
     * Plans updates of about {@code share} (e.g. 0.01) of the rows of {@code entities}, spread over the tables that
     * have a suitable attribute.
     */
    static ProductionChanges plan(O11Factory factory, FactoryDatabases databases, List<ExpectedEntity> entities,
            double share) {
        long total = entities.stream().mapToLong(ExpectedEntity::sourceRows).sum();
        List<EntitySpec> suitable = new ArrayList<>();
        List<String> apps = new ArrayList<>();
        List<AttributeSpec> attributes = new ArrayList<>();
        long suitableRows = 0;
        for (ExpectedEntity copied : entities) {
            for (EntitySpec entity : factory.model().entities()) {
                if (!entity.tableName(Side.PRODUCTION).equals(copied.sourceTable()) || entity.isStatic()
                        || !numeric(entity.identifier().type())) {
                    continue;
                }
                Optional<AttributeSpec> attribute = textAttribute(entity);
                if (attribute.isPresent()) {
                    suitable.add(entity);
                    apps.add(copied.app());
                    attributes.add(attribute.get());
                    suitableRows += copied.sourceRows();
                }
            }
        }
        // every step-th identifier of the suitable tables makes about share of all the rows to copy
        long wanted = Math.max(1, Math.round(total * share));
        long step = Math.max(1, suitableRows / wanted);
        Map<String, List<String>> changes = new LinkedHashMap<>();
        for (int i = 0; i < suitable.size(); i++) {
            EntitySpec entity = suitable.get(i);
            String table = quote(entity.tableName(Side.PRODUCTION));
            String column = quote(attributes.get(i).column(false));
            String id = quote(entity.identifier().column(false));
            changes.computeIfAbsent(apps.get(i), app -> new ArrayList<>()).add("UPDATE " + table + " SET " + column + " = reverse(" + column + ") WHERE " + id + " % "
                    + step + " = 0 AND " + column + " IS NOT NULL AND " + column + " <> reverse(" + column + ")");
        }
        return new ProductionChanges(databases, changes);
    }

    private static boolean numeric(O11Type type) {
        return type == O11Type.INTEGER || type == O11Type.LONG_INTEGER;
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    private static Optional<AttributeSpec> textAttribute(EntitySpec entity) {
        List<String> unique = entity.uniqueAttributes();
        List<AttributeSpec> onQa = entity.attributesOn(Side.QA);
        return entity.attributesOn(Side.PRODUCTION).stream()
                .filter(a -> a.type() == O11Type.TEXT && !a.isReference() && !unique.contains(a.name())
                        && !a.name().equals(entity.identifier().name())
                        && onQa.stream().anyMatch(q -> q.name().equals(a.name())))
                .findFirst();
    }

    /**
     * Applies the changes of one app's tables, each in its own transaction, until done or until {@code stop} says the
     * source is being stopped (a stopped environment takes no more writes). Returns the rows updated.
     */
    long apply(String app, BooleanSupplier stop) throws SQLException {
        long rows = 0;
        try (Connection production = databases.connectProduction(); Statement statement = production.createStatement()) {
            for (String change : changes.getOrDefault(app, List.of())) {
                if (stop.getAsBoolean()) {
                    break;
                }
                rows += statement.executeUpdate(change);
            }
        }
        return rows;
    }

    int tables() {
        return changes.values().stream().mapToInt(List::size).sum();
    }
}
