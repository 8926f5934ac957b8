package dev.datamigration.engine.copy;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.WipePlan;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * existingData Sync, step one: deletes the app's OSEVT event rows in one transaction, the only part of a Replace's
 * wipe a Sync does (a Replace leaves no event rows; the entity rows a Sync keeps and compares).
 */
final class EventRowsClear {

    private final Connection target;
    private final Dialect dialect;

    EventRowsClear(Connection target, Dialect dialect) {
        this.target = target;
        this.dialect = dialect;
    }

    void clear(WipePlan plan) throws SQLException {
        try {
            for (String event : plan.eventTables()) {
                dialect.deleteAll(target, event);
            }
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        }
    }
}
