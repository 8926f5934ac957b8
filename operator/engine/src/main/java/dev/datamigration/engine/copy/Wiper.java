package dev.datamigration.engine.copy;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.WipePlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * existingData Replace, step one: empties an app's target data in one transaction. First it checks the entities
 * outside the scope that would block the deletes (a constrained reference holding values) and fails naming them, so a
 * blocked wipe deletes nothing. Then OSEVT event rows, optional cycle references, and the tables in reverse reference
 * order.
 */
final class Wiper {

    private final Connection target;
    private final Dialect dialect;

    Wiper(Connection target, Dialect dialect) {
        this.target = target;
        this.dialect = dialect;
    }

    void wipe(String app, WipePlan plan) throws SQLException {
        List<String> blocking = new ArrayList<>();
        for (WipePlan.Blocker b : plan.blockers()) {
            long rows = countNonNull(b.table(), b.column());
            if (rows > 0) {
                blocking.add(b.label() + "." + b.attribute() + " (" + rows + " rows reference " + b.referencedLabel()
                        + ")");
            }
        }
        if (!blocking.isEmpty()) {
            throw MigrationException.permanent("cannot replace the target data of " + app + ": entities outside the"
                    + " scope reference it and would block the delete: " + String.join(", ", blocking)
                    + " (add their applications to apps)");
        }
        try {
            for (String event : plan.eventTables()) {
                dialect.deleteAll(target, event);
            }
            for (WipePlan.ClearColumn c : plan.clearColumns()) {
                dialect.clearColumn(target, c.table(), c.column());
            }
            for (String table : plan.deleteOrder()) {
                dialect.deleteAll(target, table);
            }
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        }
    }

    private long countNonNull(String table, String column) throws SQLException {
        try (Statement st = target.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + dialect.quote(table) + " WHERE "
                     + dialect.quote(column) + " IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        } finally {
            target.rollback();
        }
    }
}
