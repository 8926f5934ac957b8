package dev.datamigration.engine.odc;

import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.catalog.StaticRecord;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.PhysicalTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches the records of each mapped static entity to the rows of its ODC static table by label (ids differ between
 * O11 and ODC): O11 DATA_ID -> ODC identifier for every active O11 record. An inactive O11 record gets no entry, so
 * references to it become NULL (as the platform's tool does); an active record without exactly one ODC row of the same
 * label is a plan error. The label is the static entity's {@code Label} attribute (the attribute O11 creates for every
 * static entity), read from the O11 physical row of the record.
 */
public final class OdcStaticMaps {

    /** The maps and the records that could not be matched. */
    public record Result(Map<EntityKey, Map<String, String>> maps, List<String> errors) {
    }

    private OdcStaticMaps() {
    }

    public static Result match(Catalog source, Connection sourceConnection, Dialect sourceDialect, Connection stage,
                               Dialect stageDialect, Map<EntityKey, OdcModelCheck.Resolved> resolved)
            throws SQLException {
        Map<EntityKey, Map<String, String>> maps = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (OdcModelCheck.Resolved r : resolved.values()) {
            EntityDef e = r.entity();
            if (!e.isStatic() || r.table() == null) {
                continue;
            }
            Optional<AttributeDef> id = e.identifier();
            Optional<AttributeDef> label = e.activeAttributes().stream()
                    .filter(a -> a.name().equalsIgnoreCase("Label")).findFirst();
            if (id.isEmpty() || label.isEmpty()) {
                errors.add(r.label() + ": static entity without " + (id.isEmpty() ? "an identifier" : "a Label"
                        + " attribute") + ": its records cannot be matched to the ODC static table");
                continue;
            }
            Optional<PhysicalTable> sourceTable = source.schema().table(e.physicalTableName());
            if (sourceTable.isEmpty()) {
                errors.add(r.label() + ": missing physical table " + e.physicalTableName() + " in the source");
                continue;
            }
            Map<String, String> labelById = read(sourceConnection, sourceDialect, sourceTable.get().name(),
                    sourceTable.get().column(id.get().name()), sourceTable.get().column(label.get().name()));
            Optional<PhysicalTable> stageTable = stageTable(stage, stageDialect, r);
            Map<String, List<String>> odcIdsByLabel = new HashMap<>();
            if (stageTable.isPresent()) {
                read(stage, stageDialect, stageTable.get().name(),
                        stageTable.get().column(r.mapping().column(id.get().name())),
                        stageTable.get().column(r.mapping().column(label.get().name())))
                        .forEach((odcId, odcLabel) -> odcIdsByLabel.computeIfAbsent(odcLabel,
                                k -> new ArrayList<>()).add(odcId));
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (StaticRecord record : source.staticRecords().getOrDefault(e.key(), List.of())) {
                if (!record.active()) {
                    continue;
                }
                String recordLabel = labelById.get(canonical(record.dataId()));
                List<String> odcIds = recordLabel == null ? List.of() : odcIdsByLabel.getOrDefault(recordLabel,
                        List.of());
                String described = r.label() + " record " + record.name() + " (O11 id " + record.dataId()
                        + ", label " + (recordLabel == null ? "unknown: no physical row" : "'" + recordLabel + "'")
                        + ")";
                if (odcIds.size() == 1) {
                    map.put(canonical(record.dataId()), odcIds.get(0));
                } else if (odcIds.isEmpty()) {
                    errors.add(described + " is active but " + r.table().name() + " has no row with that label");
                } else {
                    errors.add(described + " matches " + odcIds.size() + " rows of " + r.table().name() + " (ids "
                            + String.join(", ", odcIds) + ")");
                }
            }
            maps.put(e.key(), Map.copyOf(map));
        }
        return new Result(Map.copyOf(maps), List.copyOf(errors));
    }

    private static Optional<PhysicalTable> stageTable(Connection stage, Dialect dialect, OdcModelCheck.Resolved r)
            throws SQLException {
        String name = r.table().name();
        return Optional.of(new PhysicalTable(name, dialect.columns(stage, name)));
    }

    /** identifier (canonical text) -> label of every row of a static table. */
    private static Map<String, String> read(Connection c, Dialect dialect, String table,
                                            Optional<PhysicalColumn> id, Optional<PhysicalColumn> label)
            throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        if (id.isEmpty() || label.isEmpty()) {
            return rows;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.selectSql(table,
                List.of(id.get().name(), label.get().name()), null))) {
            while (rs.next()) {
                String key = rs.getString(1);
                if (key != null) {
                    rows.put(canonical(key), rs.getString(2));
                }
            }
        } finally {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
        return rows;
    }

    /** The text of an identifier as the row transformer compares it (no trailing zeros, no blanks). */
    private static String canonical(String value) {
        String t = value.trim();
        try {
            return new BigDecimal(t).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return t;
        }
    }
}
