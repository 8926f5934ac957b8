package dev.datamigration.engine.remap;

import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.catalog.StaticRecord;
import dev.datamigration.engine.catalog.UserRecord;
import dev.datamigration.engine.users.OdcUserKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Source -> target identifier maps for what is never copied but referenced: static records (by module SS_KEY, entity
 * SS_KEY and record SS_KEY -> DATA_ID), users (by username, case-insensitive, plus tenant name) and tenants (by name).
 * Built once per copy from the two catalogs; lookups on the hot path are single hash-map reads. For an ODC target
 * ({@link #forOdc}) the static maps come from the stage's static tables (matched by label) and users become ODC user
 * keys (text); an ODC stage has no tenants.
 */
public final class Remaps {

    private final Catalog source;
    private final Catalog target;
    private final Map<EntityKey, Map<String, String>> staticMaps = new HashMap<>();
    private final Map<Long, Long> users = new HashMap<>();
    private final Map<Long, Long> tenants = new HashMap<>();
    private final Map<Long, UserRecord> sourceUsers = new HashMap<>();
    /** ODC target: the static maps, fixed when the plan matched the records by label; null for an O11 target. */
    private final Map<EntityKey, Map<String, String>> odcStatics;
    /** ODC target: the user keys; null for an O11 target. */
    private final OdcUserKeys odcUsers;

    public Remaps(Catalog source, Catalog target) {
        this(source, target, null, null);
    }

    /**
     * The remaps of an ODC target: {@code staticMaps} holds, per static entity, O11 DATA_ID -> ODC identifier of every
     * active O11 record (an inactive record has no entry, so references to it become NULL); {@code userKeys} gives
     * each O11 user's ODC key.
     */
    public static Remaps forOdc(Catalog source, Map<EntityKey, Map<String, String>> staticMaps, OdcUserKeys userKeys) {
        Catalog none = new Catalog("target", Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(), Map.of(),
                source.schema());
        return new Remaps(source, none, Map.copyOf(staticMaps), userKeys);
    }

    private Remaps(Catalog source, Catalog target, Map<EntityKey, Map<String, String>> odcStatics,
                   OdcUserKeys odcUsers) {
        this.source = source;
        this.target = target;
        this.odcStatics = odcStatics;
        this.odcUsers = odcUsers;
        Map<String, Long> targetTenantByName = new HashMap<>();
        target.tenantNames().forEach((id, name) -> targetTenantByName.put(name, id));
        source.tenantNames().forEach((id, name) -> {
            Long t = targetTenantByName.get(name);
            if (t != null) {
                tenants.put(id, t);
            }
        });
        Map<String, Long> targetUsers = new HashMap<>();
        for (UserRecord u : target.users()) {
            targetUsers.put(userKey(target.tenantNames().get(u.tenantId()), u.username()), u.id());
        }
        for (UserRecord u : source.users()) {
            sourceUsers.put(u.id(), u);
            Long t = targetUsers.get(userKey(source.tenantNames().get(u.tenantId()), u.username()));
            if (t != null) {
                users.put(u.id(), t);
            }
        }
    }

    private static String userKey(String tenant, String username) {
        return tenant + "\u0001" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    /** The target user id of a source user id, if a target user has the same username in a tenant of the same name. */
    public Optional<Long> user(long sourceUserId) {
        return Optional.ofNullable(users.get(sourceUserId));
    }

    /**
     * The target value of a reference to source user {@code sourceUserId}: the target user id (O11), or the ODC user
     * key (ODC); empty when the reference has no counterpart.
     */
    public Optional<Object> userValue(long sourceUserId) {
        if (odcUsers != null) {
            return odcUsers.keyOf(sourceUserId).map(key -> key);
        }
        return Optional.ofNullable(users.get(sourceUserId));
    }

    /**
     * Every source user id with a target user id (O11 target), as {@link #user} gives them: the pairs a Sync hands to
     * a PostgreSQL source to remap user references in SQL. Empty for an ODC target.
     */
    public Map<Long, Long> userMap() {
        return odcUsers != null ? Map.of() : Map.copyOf(users);
    }

    /** Every source tenant id with a target tenant id, as {@link #tenant} gives them. */
    public Map<Long, Long> tenantMap() {
        return Map.copyOf(tenants);
    }

    /** Whether the target is an ODC stage (user references become ODC user keys). */
    public boolean odc() {
        return odcUsers != null;
    }

    /** "username" (tenant) of a source user for messages, or "#id" when the id is not a source user. */
    public String describeSourceUser(long sourceUserId) {
        UserRecord u = sourceUsers.get(sourceUserId);
        if (u == null) {
            return "#" + sourceUserId + " (no such user in the source)";
        }
        return u.username() + " (tenant " + source.tenantNames().get(u.tenantId()) + ")";
    }

    public Optional<Long> tenant(long sourceTenantId) {
        return Optional.ofNullable(tenants.get(sourceTenantId));
    }

    public String describeSourceTenant(long sourceTenantId) {
        String name = source.tenantNames().get(sourceTenantId);
        return name == null ? "#" + sourceTenantId + " (no such tenant in the source)" : name;
    }

    /** "StaticEntity.RecordName" of a source static record for messages, or "#dataId" when the source has none. */
    public String describeStaticRecord(EntityKey staticEntity, String dataId) {
        String entity = Optional.ofNullable(source.entities().get(staticEntity)).map(e -> e.name()).orElse("?");
        for (StaticRecord r : source.staticRecords().getOrDefault(staticEntity, List.of())) {
            if (r.dataId().equals(dataId)) {
                return entity + "." + r.name() + " (id " + dataId + (r.active() ? "" : ", inactive") + ")";
            }
        }
        return entity + " #" + dataId + " (no such record)";
    }

    /**
     * source DATA_ID -> target DATA_ID of one static entity. A source record (active or not) maps to the target
     * record with the same key only when that target record is active: a row pointing at a removed record has no
     * counterpart.
     */
    public synchronized Map<String, String> staticMap(EntityKey staticEntity) {
        if (odcStatics != null) {
            return odcStatics.getOrDefault(staticEntity, Map.of());
        }
        return staticMaps.computeIfAbsent(staticEntity, key -> {
            Map<String, String> targetByRecord = new HashMap<>();
            for (StaticRecord r : target.staticRecords().getOrDefault(key, List.of())) {
                if (r.active()) {
                    targetByRecord.put(r.recordKey(), r.dataId());
                }
            }
            Map<String, String> map = new HashMap<>();
            for (StaticRecord r : source.staticRecords().getOrDefault(key, List.of())) {
                String t = targetByRecord.get(r.recordKey());
                if (t != null) {
                    map.put(r.dataId(), t);
                }
            }
            return map;
        });
    }
}
