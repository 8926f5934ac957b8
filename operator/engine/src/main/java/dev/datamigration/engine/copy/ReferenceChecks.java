package dev.datamigration.engine.copy;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.RefKind;
import dev.datamigration.engine.remap.Remaps;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Read-only checks on the source before anything is written: every referenced user and tenant has a target
 * counterpart (users under the Fail policy), and references that point at rows missing in the source (Delete Rule
 * Ignore leaves them dangling) are counted for a warning. The reads run in the source connection's open read transaction
 * (the app's snapshot, see {@link Lane}); the caller ends it.
 */
final class ReferenceChecks {

    private final Connection source;
    private final Dialect dialect;
    private final Remaps remaps;

    ReferenceChecks(Connection source, Dialect dialect, Remaps remaps) {
        this.source = source;
        this.dialect = dialect;
        this.remaps = remaps;
    }

    /** Fails naming every source user referenced by the app's rows that has no target user (Fail policy). */
    void requireUsers(String app, List<EntityPlan> entities) throws SQLException {
        // user -> the entity attributes that reference it, so the message says where the user is used
        java.util.TreeMap<String, java.util.TreeSet<String>> unmatched = new java.util.TreeMap<>();
        for (EntityPlan e : entities) {
            for (ColumnPlan c : e.columns()) {
                if (c.ref() == RefKind.USER && c.copied()) {
                    for (long id : distinctIds(e.sourceTable(), c.source().name())) {
                        if (remaps.userValue(id).isEmpty()) {
                            unmatched.computeIfAbsent(remaps.describeSourceUser(id), k -> new TreeSet<>())
                                    .add(e.name() + "." + c.attribute());
                        }
                    }
                }
            }
        }
        if (!unmatched.isEmpty()) {
            List<String> users = new ArrayList<>();
            unmatched.forEach((user, places) -> users.add(user + " in " + String.join(", ", places)));
            throw MigrationException.permanent("users referenced by " + app + " have no target user with the same"
                    + " username and tenant: " + String.join("; ", users)
                    + " (create them in the target, or set users.unmatched: SetNull)");
        }
    }

    /** Fails naming every source tenant of the app's rows that has no target tenant of the same name. */
    void requireTenants(String app, List<EntityPlan> entities) throws SQLException {
        TreeSet<String> unmatched = new TreeSet<>();
        for (EntityPlan e : entities) {
            for (ColumnPlan c : e.columns()) {
                if (c.ref() == RefKind.TENANT && c.copied()) {
                    for (long id : distinctIds(e.sourceTable(), c.source().name())) {
                        if (remaps.tenant(id).isEmpty()) {
                            unmatched.add(remaps.describeSourceTenant(id));
                        }
                    }
                }
            }
        }
        if (!unmatched.isEmpty()) {
            throw MigrationException.permanent("tenants of " + app + " rows have no target tenant of the same name: "
                    + String.join(", ", unmatched));
        }
    }

    /** Whether {@link #danglingReferences} has anything to read for {@code entity}. */
    static boolean checksReferences(EntityPlan entity, Plan plan) {
        return entity.columns().stream().anyMatch(c -> checked(c, plan));
    }

    /** A copied reference to an in-scope entity. */
    private static boolean checked(ColumnPlan c, Plan plan) {
        return c.ref() == RefKind.NONE && c.referenced() != null && c.copied() && plan.entity(c.referenced())
                .isPresent();
    }

    /** Warnings for references to in-scope entities whose target row does not exist in the source. */
    List<String> danglingReferences(EntityPlan entity, Plan plan) throws SQLException {
        return danglingReferences(entity, plan, entity.columns());
    }

    /**
     * The same for {@code columns} only (those of {@code entity} a Sync's scan found dangling values in: the count and
     * the examples come from here, so the warning reads as a copy's).
     */
    List<String> danglingReferences(EntityPlan entity, Plan plan, List<ColumnPlan> columns) throws SQLException {
        List<String> warnings = new ArrayList<>();
        for (ColumnPlan c : columns) {
            if (!checked(c, plan)) {
                continue;
            }
            Optional<EntityPlan> referenced = plan.entity(c.referenced());
            String sql = "SELECT c." + dialect.quote(c.source().name()) + " FROM "
                    + dialect.quote(entity.sourceTable()) + " c WHERE c."
                    + dialect.quote(c.source().name()) + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                    + dialect.quote(referenced.get().sourceTable()) + " p WHERE p."
                    + dialect.quote(referenced.get().identifier().source().name()) + " = c."
                    + dialect.quote(c.source().name()) + ")";
            TreeSet<String> samples = new TreeSet<>();
            long dangling = 0;
            try (PreparedStatement ps = dialect.prepareStreamingQuery(source, sql, 1000);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dangling++;
                    if (samples.size() < 5) {
                        samples.add(rs.getString(1));
                    }
                }
            }
            if (dangling > 0) {
                warnings.add(entity.label() + "." + c.attribute() + ": " + dangling + " row(s) reference "
                        + referenced.get().label() + " rows that do not exist in the source (Delete Rule Ignore):"
                        + " copied as is (" + String.join(", ", samples) + ")");
            }
        }
        return warnings;
    }

    private List<Long> distinctIds(String table, String column) throws SQLException {
        List<Long> ids = new ArrayList<>();
        String q = dialect.quote(column);
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT " + q + " FROM " + dialect.quote(table) + " WHERE " + q
                     + " IS NOT NULL")) {
            while (rs.next()) {
                BigDecimal v = rs.getBigDecimal(1);
                ids.add(v.longValueExact());
            }
        }
        return ids;
    }

}
