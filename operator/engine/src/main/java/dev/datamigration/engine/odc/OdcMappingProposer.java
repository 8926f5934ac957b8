package dev.datamigration.engine.odc;

import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.odc.StageCatalog.StageColumn;
import dev.datamigration.engine.odc.StageCatalog.StageTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes {@code mapping.yaml} from the O11 catalog and the stage's tables, using the names ODC appears to give (
 * {@link OdcNames}): an entity's table is a stage table whose name starts with the first five letters of the entity
 * name and {@code _} and that has a column for every active attribute; an attribute's column is the lower-cased name,
 * else the one stage column that equals it once {@code _} are ignored (listed under {@code columns}). Of several such
 * tables the one with the fewest other columns wins; when that does not decide, or no table fits, or two entities
 * want one table, the entity is left open: written with {@code table: TODO} and a comment saying why. The result says
 * whether anything is open.
 */
public final class OdcMappingProposer {

    /** The proposed file and the entities left open ({@code Module.Entity: why}). */
    public record Proposal(String yaml, List<String> open) {

        public boolean complete() {
            return open.isEmpty();
        }
    }

    /** What was found for one entity. */
    private record Choice(EntityDef entity, StageTable table, Map<String, String> columns, String problem) {
    }

    private OdcMappingProposer() {
    }

    /** Proposes the mapping of {@code apps} (O11 application names). */
    public static Proposal propose(Catalog source, List<String> apps, StageCatalog stage) {
        Map<String, List<Choice>> byApp = new LinkedHashMap<>();
        Map<String, List<Choice>> byTable = new HashMap<>();
        for (String app : apps) {
            List<Choice> choices = new ArrayList<>();
            for (EntityDef entity : OdcModelCheck.entitiesOf(source, app)) {
                Choice choice = choose(entity, stage);
                choices.add(choice);
                if (choice.table() != null) {
                    byTable.computeIfAbsent(choice.table().name(), k -> new ArrayList<>()).add(choice);
                }
            }
            byApp.put(app, choices);
        }
        List<String> open = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("# Proposed by odc-mapping from the O11 metamodel and the stage's tables."
                + " Review it before use.\napps:\n");
        for (Map.Entry<String, List<Choice>> app : byApp.entrySet()) {
            yaml.append("  - app: ").append(app.getKey()).append('\n');
            yaml.append("    odcApp: ").append(app.getKey()).append('\n');
            yaml.append("    entities:\n");
            if (app.getValue().isEmpty()) {
                open.add(app.getKey() + ": the application has no entities");
            }
            for (Choice choice : app.getValue()) {
                String name = choice.entity().module().name() + "." + choice.entity().name();
                String problem = choice.problem();
                if (problem == null && byTable.get(choice.table().name()).size() > 1) {
                    problem = "table " + choice.table().name() + " fits " + byTable.get(choice.table().name()).stream()
                            .map(c -> c.entity().module().name() + "." + c.entity().name()).toList();
                }
                if (problem != null) {
                    open.add(name + ": " + problem);
                    yaml.append("      # OPEN: ").append(problem).append('\n');
                }
                yaml.append("      - entity: ").append(name).append('\n');
                yaml.append("        table: ").append(problem == null ? choice.table().name() : "TODO").append('\n');
                if (problem == null && !choice.columns().isEmpty()) {
                    List<String> pairs = new ArrayList<>();
                    choice.columns().forEach((attribute, column) -> pairs.add(attribute + ": " + column));
                    yaml.append("        columns: {").append(String.join(", ", pairs)).append("}\n");
                }
            }
        }
        return new Proposal(yaml.toString(), List.copyOf(open));
    }

    private static Choice choose(EntityDef entity, StageCatalog stage) {
        String prefix = OdcNames.tablePrefix(entity.name());
        List<StageTable> candidates = stage.tables().stream()
                .filter(t -> t.name().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
        if (candidates.isEmpty()) {
            return new Choice(entity, null, Map.of(), "no stage table starts with " + prefix);
        }
        StageTable best = null;
        Map<String, String> bestColumns = null;
        int bestExtra = Integer.MAX_VALUE;
        boolean tie = false;
        for (StageTable table : candidates) {
            Optional<Map<String, String>> columns = columns(entity, table);
            if (columns.isEmpty()) {
                continue;
            }
            int extra = table.columns().size() - entity.activeAttributes().size();
            if (extra < bestExtra) {
                best = table;
                bestColumns = columns.get();
                bestExtra = extra;
                tie = false;
            } else if (extra == bestExtra) {
                tie = true;
            }
        }
        if (best == null) {
            return new Choice(entity, null, Map.of(), "no table starting with " + prefix + " has a column for every"
                    + " attribute (candidates: " + String.join(", ", candidates.stream().map(StageTable::name)
                    .toList()) + ")");
        }
        if (tie) {
            return new Choice(entity, null, Map.of(), "several tables fit equally: " + String.join(", ", candidates
                    .stream().filter(t -> columns(entity, t).isPresent()).map(StageTable::name).toList()));
        }
        return new Choice(entity, best, bestColumns, null);
    }

    /** The columns that differ from the naming rule, or empty when some attribute has no column in {@code table}. */
    private static Optional<Map<String, String>> columns(EntityDef entity, StageTable table) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (AttributeDef a : entity.activeAttributes()) {
            String rule = OdcNames.column(a.name());
            if (table.column(rule).isPresent()) {
                continue;
            }
            String squeezed = rule.replace("_", "");
            List<StageColumn> alike = table.columns().values().stream()
                    .filter(c -> c.name().toLowerCase(Locale.ROOT).replace("_", "").equals(squeezed)).toList();
            if (alike.size() != 1) {
                return Optional.empty();
            }
            renamed.put(a.name(), alike.get(0).name());
        }
        return Optional.of(renamed);
    }
}
