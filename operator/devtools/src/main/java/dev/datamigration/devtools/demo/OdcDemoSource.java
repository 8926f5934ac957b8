package dev.datamigration.devtools.demo;

import dev.datamigration.fixtures.o11.model.AttributeSpec;
import dev.datamigration.fixtures.o11.model.EntitySpec;
import dev.datamigration.fixtures.o11.model.O11Type;
import dev.datamigration.fixtures.o11.model.Side;
import dev.datamigration.fixtures.odc.OdcStage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the demo's O11 Production ODC-ready, as a customer must before the plan lets the run start: on top of
 * {@link OdcStage#prepareSource} (default tenant only, no auto-number static entities) it moves the Date and Date Time
 * values the factory generates past ODC's last day (3000-12-31; larger scales give birth dates into the 31st
 * century) back by 1000 years. The factory's largest binary is kept under ODC's 20 MB by building it smaller
 * ({@link #LARGEST_BINARY_BYTES}).
 */
final class OdcDemoSource {

    /** The factory's largest binary: 5 MB, as at small scales (from scale 10 on it is 25 MB, over ODC's limit). */
    static final int LARGEST_BINARY_BYTES = 5 * 1024 * 1024;
    private static final String LAST_ODC_DAY = "TIMESTAMP '3000-12-31 23:59:59.999'";

    private OdcDemoSource() {
    }

    /** @return how many values were moved back */
    static long prepare(OdcStage stage, Connection production) throws SQLException {
        stage.prepareSource(production);
        long moved = 0;
        try (Statement statement = production.createStatement()) {
            for (EntitySpec entity : stage.tables().keySet()) {
                for (AttributeSpec attribute : stage.attributes(entity)) {
                    if (attribute.type() != O11Type.DATE && attribute.type() != O11Type.DATETIME) {
                        continue;
                    }
                    String column = quote(attribute.column(false));
                    // repeated while a value is still too late, one statement per 1000 years
                    int updated;
                    do {
                        updated = statement.executeUpdate("UPDATE " + quote(entity.tableName(Side.PRODUCTION))
                                + " SET " + column + " = " + column + " - INTERVAL '1000 years' WHERE " + column
                                + " > " + LAST_ODC_DAY);
                        moved += updated;
                    } while (updated > 0);
                }
            }
        }
        return moved;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
