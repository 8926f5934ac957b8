package dev.datamigration.engine.users;

import dev.datamigration.engine.MigrationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the end users of the default user provider from an O11 database: the OSSYS_USER rows (active and inactive)
 * whose tenant belongs to the module named {@code Users} (OSSYS_TENANT.ESPACE_ID), which is what OutSystems migrates
 * into ODC. Users of other providers (ServiceCenter's IT users, other user-provider modules) are not read: a reference
 * to one of them becomes NULL in an ODC target. Unquoted names (each engine folds them to its case), no boolean
 * literals, filtering in Java, as the catalog reader does.
 */
public final class O11EndUsers {

    /** Name of the default user-provider module. */
    public static final String PROVIDER_MODULE = "Users";

    private O11EndUsers() {
    }

    /** The default provider's users in id order; fails when the database has no active Users module. */
    public static List<O11EndUser> read(Connection connection) throws SQLException {
        Set<Long> providerModules = new HashSet<>();
        query(connection, "SELECT ID, NAME, IS_ACTIVE FROM OSSYS_ESPACE", rs -> {
            if (PROVIDER_MODULE.equalsIgnoreCase(rs.getString(2).trim()) && rs.getBoolean(3)) {
                providerModules.add(rs.getLong(1));
            }
        });
        if (providerModules.isEmpty()) {
            throw MigrationException.permanent("the source has no active module named '" + PROVIDER_MODULE
                    + "' (OSSYS_ESPACE): its end users (the default user provider) cannot be found");
        }
        Set<Long> tenants = new HashSet<>();
        query(connection, "SELECT ID, ESPACE_ID FROM OSSYS_TENANT", rs -> {
            long espace = rs.getLong(2);
            if (!rs.wasNull() && providerModules.contains(espace)) {
                tenants.add(rs.getLong(1));
            }
        });
        List<O11EndUser> users = new ArrayList<>();
        query(connection, "SELECT ID, TENANT_ID, USERNAME, NAME, EMAIL, IS_ACTIVE FROM OSSYS_USER ORDER BY ID", rs -> {
            if (tenants.contains(rs.getLong(2))) {
                users.add(new O11EndUser(rs.getLong(1), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getBoolean(6)));
            }
        });
        return List.copyOf(users);
    }

    /** The lower-cased, trimmed e-mail a user is matched by (null for none). */
    public static String matchKey(O11EndUser user) {
        String email = user.email() == null ? null : user.email().trim();
        return email == null || email.isEmpty() ? null : email.toLowerCase(Locale.ROOT);
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowHandler handler) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                handler.accept(rs);
            }
        }
    }
}
