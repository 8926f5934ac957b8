package dev.datamigration.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.CopyResult;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.testing.MiniO11;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sync between two PostgreSQL databases where the source computes the written form in SQL: the static and user
 * references are remapped by joins with the remaps' pairs (a static record and a user without a counterpart become
 * NULL, with the same warnings as a Replace), and a self reference is a deferred column with its own second pass.
 * Both databases hash coarse ranges; a change in one place is found by bisection (fewer ranges hashed than there are
 * leaves), a change spread over the table (found by probing a few ranges first) by one scan of every leaf. Every Sync
 * ends exactly as a fresh Replace, with exact counts, over NULLs, decimals of every scale, text with quotes,
 * backslashes, line breaks, non-ASCII and emoji, and binary values, and with a deleted row that another row still
 * references (Delete Rule Ignore).
 */
class SyncInDatabaseTest {

    /** Enough rows for more coarse ranges than {@link EntitySync#PROBES}: a spread change is probed first. */
    private static final int ROWS = 40_000;
    private static final String ITEM_TYPE = "btm-items*e-item";

    private static void build(MiniO11 o, String prefix, int userOffset, String... statuses) throws Exception {
        o.user(1 + userOffset, 2, "alice");
        o.user(2 + userOffset, 2, "bob");
        int app = o.app("Items", true);
        int m = o.module(app, "ItemsCore", "m-items", false);
        int status = o.entity(m, "e-status", "Status", "OSUSR_" + prefix + "_Status", "st-id", "staticEntity",
                false);
        o.attr(status, "st-id", "Id", "rtInteger", true, null, true, null);
        o.attr(status, "st-label", "Label", "rtText", true, null, true, null);
        o.sql("CREATE TABLE \"OSUSR_" + prefix + "_STATUS\" (\"ID\" integer PRIMARY KEY, \"LABEL\" varchar(50))");
        for (String s : statuses) {
            String[] parts = s.split(":");
            o.record(m, "e-status", parts[0], parts[0], parts[1], true);
            o.sql("INSERT INTO \"OSUSR_" + prefix + "_STATUS\" VALUES (" + parts[1] + ", '" + parts[0] + "')");
        }
        int item = o.entity(m, "e-item", "Item", "OSUSR_" + prefix + "_Item", "i-id", "entity", false);
        o.attr(item, "i-id", "Id", "rtInteger", true, null, true, null);
        o.attr(item, "i-text", "Text", "rtText", false, null, true, null);
        o.attr(item, "i-amount", "Amount", "rtDecimal", false, null, true, null);
        o.attr(item, "i-owner", "OwnerId", MiniO11.USER_TYPE, false, "Ignore", true, null);
        o.attr(item, "i-status", "StatusId", "btm-items*e-status", false, "Protect", true, null);
        o.attr(item, "i-photo", "Photo", "rtBinaryData", false, null, true, null);
        o.attr(item, "i-when", "When", "rtDateTime", false, null, true, null);
        o.attr(item, "i-flag", "Flag", "rtBoolean", false, null, true, null);
        o.attr(item, "i-parent", "ParentId", ITEM_TYPE, false, "Ignore", true, null);
        // the target's identifier is an identity column that refuses explicit values in a plain INSERT
        o.sql("CREATE TABLE \"OSUSR_" + prefix + "_ITEM\" (\"ID\" integer" + (prefix.equals("T")
                ? " GENERATED ALWAYS AS IDENTITY" : "") + " PRIMARY KEY, \"TEXT\" varchar(200),"
                + " \"AMOUNT\" numeric(37,8), \"OWNERID\" integer, \"STATUSID\" integer, \"PHOTO\" bytea,"
                + " \"WHEN\" timestamp, \"FLAG\" boolean, \"PARENTID\" integer)");
    }

    /** Both factories' Items app, the source's rows filled: three source statuses, two target ones. */
    private static void items(MiniO11 source, MiniO11 target) throws Exception {
        build(source, "S", 0, "open:7", "closed:8", "gone:9");
        build(target, "T", 10, "open:1", "closed:2");
        fill(source);
    }

    /** The When that {@link #fill} gives row {@code id} (one whose {@code id % 8} is not 0). */
    private static String when(int id) {
        return "timestamp '2020-02-29 12:34:56.789' + " + id + " * interval '1 minute'";
    }

    /** The source's rows: every kind with NULLs and hard values; one static record and one user have no match. */
    private static void fill(MiniO11 source) throws Exception {
        source.user(3, 2, "carol");
        source.sql("INSERT INTO \"OSUSR_S_ITEM\" SELECT i,"
                + " CASE i % 7 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN E'it''s a \\\\ back\\nslash é ✓ 😀 '"
                + " || i ELSE 'item ' || i END,"
                + " CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN -i / 3.0 WHEN 2 THEN 12345678901234567890.12345678"
                + " ELSE i * 1.5 END,"
                + " CASE i % 4 WHEN 0 THEN NULL WHEN 3 THEN 3 ELSE 1 + i % 2 END,"
                + " CASE i % 6 WHEN 0 THEN NULL WHEN 5 THEN 9 ELSE 7 + i % 2 END,"
                + " CASE WHEN i % 9 = 0 THEN decode(md5(i::text), 'hex') || '\\x00ff'::bytea"
                + " WHEN i % 9 = 1 THEN ''::bytea END,"
                + " CASE WHEN i % 8 <> 0 THEN timestamp '2020-02-29 12:34:56.789' + i * interval '1 minute' END,"
                + " CASE WHEN i % 3 <> 0 THEN i % 2 = 0 END,"
                + " CASE WHEN i % 10 = 0 THEN i - 1 END"
                + " FROM generate_series(1, " + ROWS + ") i");
        source.sql("ANALYZE \"OSUSR_S_ITEM\"");
    }

    private static Map<String, SyncCounts> counts;
    /** The warnings of the last {@link #syncEqualsReplace}. */
    private static List<String> syncWarnings;

    /** Opens the target connections of {@link #copy}: the owner's, or another role's. */
    private static java.util.concurrent.Callable<Connection> targetLogin;

    private static CopyResult copy(MiniO11 source, MiniO11 target, CopyOptions options) throws Exception {
        counts = new LinkedHashMap<>();
        try (Connection s = source.connect(); Connection t = targetLogin == null ? target.connect()
                : targetLogin.call()) {
            return Engine.copy(CopyRequest.of(s, t, List.of("Items"), "Items").withOptions(options)
                    .withListener(new ProgressListener() {
                        @Override
                        public void entitySynced(EntityPlan entity, SyncCounts c) {
                            counts.put(entity.name(), c);
                        }
                    }));
        }
    }

    private static List<String> targetRows(MiniO11 target) throws Exception {
        return target.rows("SELECT t::text FROM \"OSUSR_T_ITEM\" t ORDER BY \"ID\"");
    }

    /** Syncs, checks that the result and warnings are a fresh Replace's, and returns the Item counts. */
    private static SyncCounts syncEqualsReplace(MiniO11 source, MiniO11 target) throws Exception {
        CopyOptions replace = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL);
        CopyResult synced = copy(source, target, replace.withSync(true));
        SyncCounts item = counts.get("Item");
        List<String> syncedRows = targetRows(target);
        CopyResult replaced = copy(source, target, replace);
        assertThat(syncedRows).isEqualTo(targetRows(target));
        assertThat(new ArrayList<>(synced.warnings())).containsExactlyInAnyOrderElementsOf(replaced.warnings());
        syncWarnings = synced.warnings();
        return item;
    }

    /**
     * A target role that may not create temporary tables: the Sync's writes go as multi-row statements instead of
     * through a staging table, and end the same.
     */
    @Test
    void aTargetRoleWithoutTemporaryTablesSyncsThroughMultiRowStatements() throws Exception {
        try (MiniO11 source = MiniO11.create("syncnotmpsrc"); MiniO11 target = MiniO11.create("syncnotmptgt")) {
            items(source, target);
            copy(source, target, CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL));
            String role = "sync_no_temp_" + Math.abs(target.database().hashCode());
            target.sql("CREATE ROLE " + role + " LOGIN PASSWORD 'no-temp';"
                    + " REVOKE TEMPORARY ON DATABASE \"" + target.database() + "\" FROM PUBLIC;"
                    + " GRANT ALL ON SCHEMA public TO " + role + ";"
                    + " GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role + ";"
                    + " GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + role);
            targetLogin = () -> java.sql.DriverManager.getConnection(target.url(), role, "no-temp");
            try (Connection t = targetLogin.call(); java.sql.Statement st = t.createStatement();
                 java.sql.ResultSet rs = st.executeQuery(
                         "SELECT has_database_privilege(current_database(), 'TEMPORARY')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("the role may create temporary tables").isFalse();
            }
            source.sql("UPDATE \"OSUSR_S_ITEM\" SET \"TEXT\" = 'changed ' || \"ID\" WHERE \"ID\" % 97 = 0;"
                    + " DELETE FROM \"OSUSR_S_ITEM\" WHERE \"ID\" % 89 = 0;"
                    + " INSERT INTO \"OSUSR_S_ITEM\" (\"ID\", \"TEXT\") SELECT i, 'new ' || i"
                    + " FROM generate_series(" + (ROWS + 1) + ", " + (ROWS + 300) + ") i");
            SyncCounts item = syncEqualsReplace(source, target);
            assertThat(item.inserted()).isEqualTo(300);
            assertThat(item.deleted()).isEqualTo(ROWS / 89);
            assertThat(item.updated()).isEqualTo(ROWS / 97 - ROWS / (97 * 89));
        } finally {
            targetLogin = null;
        }
    }

    /**
     * After a Sync, an entity without deferred columns is verified as after a copy: the source rows hashed as the load
     * would write them, against the target's stored rows. A target trigger that changes what the Sync writes fails
     * the verification, naming the first differing row.
     */
    @Test
    void aSyncedEntityIsVerifiedAgainstTheSourceHashedAsWritten() throws Exception {
        try (MiniO11 source = MiniO11.create("syncverifysrc"); MiniO11 target = MiniO11.create("syncverifytgt")) {
            for (MiniO11 o : List.of(source, target)) {
                String prefix = o == source ? "S" : "T";
                o.user(o == source ? 1 : 11, 2, "alice");
                int app = o.app("Notes", true);
                int m = o.module(app, "NotesCore", "m-notes", false);
                int note = o.entity(m, "e-note", "Note", "OSUSR_" + prefix + "_Note", "n-id", "entity", false);
                o.attr(note, "n-id", "Id", "rtInteger", true, null, true, null);
                o.attr(note, "n-text", "Text", "rtText", false, null, true, null);
                o.attr(note, "n-owner", "OwnerId", MiniO11.USER_TYPE, false, "Ignore", true, null);
                o.sql("CREATE TABLE \"OSUSR_" + prefix + "_NOTE\" (\"ID\" integer PRIMARY KEY,"
                        + " \"TEXT\" varchar(50), \"OWNERID\" integer)");
            }
            source.sql("INSERT INTO \"OSUSR_S_NOTE\" VALUES (1, 'one', 1), (2, 'two', NULL), (3, NULL, 1)");
            CopyOptions replace = CopyOptions.defaults();
            try (Connection s = source.connect(); Connection t = target.connect()) {
                Engine.copy(CopyRequest.of(s, t, List.of("Notes"), "Notes").withOptions(replace));
            }
            target.sql("CREATE FUNCTION shout() RETURNS trigger AS $$ BEGIN NEW.\"TEXT\" := upper(NEW.\"TEXT\");"
                    + " RETURN NEW; END $$ LANGUAGE plpgsql");
            target.sql("CREATE TRIGGER shout BEFORE UPDATE ON \"OSUSR_T_NOTE\" FOR EACH ROW EXECUTE FUNCTION"
                    + " shout()");
            source.sql("UPDATE \"OSUSR_S_NOTE\" SET \"TEXT\" = 'changed' WHERE \"ID\" = 2");
            try (Connection s = source.connect(); Connection t = target.connect()) {
                assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, List.of("Notes"), "Notes")
                        .withOptions(replace.withSync(true))))
                        .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                        .hasMessageStartingWith("verification failed for Notes.Note: source 3 rows, ")
                        .hasMessageContaining(" (hashed as written), target 3 rows, ")
                        .hasMessageEndingWith("; first difference: row 2, column Text: source 'changed',"
                                + " target 'CHANGED'");
            }
            target.sql("DROP TRIGGER shout ON \"OSUSR_T_NOTE\"");
            try (Connection s = source.connect(); Connection t = target.connect()) {
                CopyResult synced = Engine.copy(CopyRequest.of(s, t, List.of("Notes"), "Notes")
                        .withOptions(replace.withSync(true)));
                assertThat(synced.entities()).singleElement().satisfies(e -> assertThat(e.rows()).isEqualTo(3));
            }
            assertThat(target.rows("SELECT \"ID\" || ':' || coalesce(\"TEXT\", '-') || ':'"
                    + " || coalesce(\"OWNERID\"::text, '-') FROM \"OSUSR_T_NOTE\" ORDER BY \"ID\""))
                    .containsExactly("1:one:11", "2:changed:-", "3:-:11");
        }
    }

    /**
     * A unique index (O11 creates them for unique attributes): values move from a deleted row to an inserted one (a
     * record deleted and created again), from a deleted row to an updated one, and from an updated row to an inserted
     * one. A Replace writes into an emptied table; the Sync deletes, then updates, then inserts. Two updated rows that
     * swap a value are refused with a message that says so.
     */
    @Test
    void uniqueValuesMoveBetweenRowsAsInAReplace() throws Exception {
        try (MiniO11 source = MiniO11.create("syncuniqsrc"); MiniO11 target = MiniO11.create("syncuniqtgt")) {
            items(source, target);
            source.sql("CREATE UNIQUE INDEX \"OSIDX_S_ITEM_WHEN\" ON \"OSUSR_S_ITEM\" (\"WHEN\")");
            target.sql("CREATE UNIQUE INDEX \"OSIDX_T_ITEM_WHEN\" ON \"OSUSR_T_ITEM\" (\"WHEN\")");
            CopyOptions options = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL);
            copy(source, target, options);
            String item = "\"OSUSR_S_ITEM\"";
            source.sql("DELETE FROM " + item + " WHERE \"ID\" IN (201, 302);"
                    + " INSERT INTO " + item + " (\"ID\", \"TEXT\", \"WHEN\") VALUES (" + (ROWS + 1) + ", 'again', "
                    + when(201) + ");"
                    + " UPDATE " + item + " SET \"WHEN\" = " + when(302) + " WHERE \"ID\" = 301;"
                    + " UPDATE " + item + " SET \"WHEN\" = timestamp '1999-12-31 23:59:59' WHERE \"ID\" = 401;"
                    + " INSERT INTO " + item + " (\"ID\", \"TEXT\", \"WHEN\") VALUES (" + (ROWS + 2)
                    + ", 'taken over', " + when(401) + ")");
            SyncCounts counts = syncEqualsReplace(source, target);
            assertThat(counts.inserted()).isEqualTo(2);
            assertThat(counts.updated()).isEqualTo(2);
            assertThat(counts.deleted()).isEqualTo(2);

            // Two rows swap their values: the update meets the index row by row. The Sync fails naming the index
            // and what to do, and leaves the entity as it was.
            source.sql("UPDATE " + item + " SET \"WHEN\" = NULL WHERE \"ID\" = 501;"
                    + " UPDATE " + item + " SET \"WHEN\" = " + when(501) + " WHERE \"ID\" = 502;"
                    + " UPDATE " + item + " SET \"WHEN\" = " + when(502) + " WHERE \"ID\" = 501");
            List<String> before = targetRows(target);
            assertThatThrownBy(() -> copy(source, target, options.withSync(true)))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("Items.Item: the Sync cannot write its rows in place: ")
                    .hasMessageContaining("\"OSIDX_T_ITEM_WHEN\"")
                    .hasMessageContaining("existingData: Replace writes into emptied tables");
            assertThat(targetRows(target)).isEqualTo(before);
            copy(source, target, options);
            assertThat(target.rows("SELECT \"ID\" FROM \"OSUSR_T_ITEM\" WHERE \"WHEN\" = " + when(502)))
                    .containsExactly("501");
        }
    }

    @Test
    void databaseSideSyncEqualsAFreshReplaceForAChangeInOnePlaceAndASpreadChange() throws Exception {
        try (MiniO11 source = MiniO11.create("syncdbsrc"); MiniO11 target = MiniO11.create("syncdbtgt")) {
            items(source, target);
            CopyResult first = copy(source, target, CopyOptions.defaults()
                    .withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL));
            assertThat(first.warnings()).anySatisfy(w -> assertThat(w).contains("Item.OwnerId: 10000 row(s)"
                    + " referenced users without a target user and were set to NULL (carol"));
            assertThat(first.warnings()).anySatisfy(w -> assertThat(w).contains("Item.StatusId: 6666 row(s)"
                    + " referenced static records without an active target record and were set to NULL"));
            assertThat(target.rows("SELECT count(*), count(\"OWNERID\"), min(\"OWNERID\"), max(\"STATUSID\") FROM"
                    + " \"OSUSR_T_ITEM\"")).containsExactly(ROWS + "|20000|11|2");

            // Nothing changed: the coarse ranges are equal, nothing is written.
            SyncCounts unchanged = syncEqualsReplace(source, target);
            assertThat(unchanged.rowsChanged()).isZero();
            assertThat(unchanged.rangesRewritten()).isZero();
            long coarseRanges = unchanged.rangesCompared();
            assertThat(coarseRanges).isBetween(2L, (long) ROWS / EntitySync.LEAF_ROWS / 64);

            // Changes in two places: bisection hashes a few parts, far fewer than there are leaves.
            source.sql("UPDATE \"OSUSR_S_ITEM\" SET \"TEXT\" = E'new \\u00e9', \"OWNERID\" = 2 WHERE \"ID\" = 101;"
                    + " UPDATE \"OSUSR_S_ITEM\" SET \"AMOUNT\" = 0.10000000, \"PHOTO\" = '\\x00'::bytea WHERE \"ID\" = 103;"
                    + " DELETE FROM \"OSUSR_S_ITEM\" WHERE \"ID\" IN (105, 109);"
                    + " INSERT INTO \"OSUSR_S_ITEM\" (\"ID\", \"TEXT\", \"STATUSID\", \"PARENTID\") VALUES"
                    + " (0, 'tab\there', 8, 101)");
            // far from the others, a decimal that only changes its sign (PostgreSQL's numeric hash leaves it out)
            assertThat(source.rows("SELECT \"AMOUNT\" FROM \"OSUSR_S_ITEM\" WHERE \"ID\" = 20001"))
                    .containsExactly("-6667.00000000");
            source.sql("UPDATE \"OSUSR_S_ITEM\" SET \"AMOUNT\" = -\"AMOUNT\" WHERE \"ID\" = 20001");
            SyncCounts local = syncEqualsReplace(source, target);
            assertThat(local.updated()).isEqualTo(3);
            assertThat(target.rows("SELECT \"AMOUNT\" FROM \"OSUSR_T_ITEM\" WHERE \"ID\" = 20001"))
                    .containsExactly("6667.00000000");
            // 110 still references the deleted 109 (Delete Rule Ignore, no constraint): kept, as a Replace copies it
            assertThat(local.deleted()).isEqualTo(2);
            assertThat(target.rows("SELECT \"PARENTID\" FROM \"OSUSR_T_ITEM\" WHERE \"ID\" = 110"))
                    .containsExactly("109");
            // counted in the Sync's own scan of the source, worded as a copy's
            assertThat(syncWarnings).contains("Items.Item.ParentId: 1 row(s) reference Items.Item rows that do not"
                    + " exist in the source (Delete Rule Ignore): copied as is (109)");
            assertThat(local.inserted()).isEqualTo(1);
            assertThat(local.rangesCompared()).isLessThan((long) ROWS / EntitySync.LEAF_ROWS);

            // A change spread over the table: one more scan hashes every leaf.
            long statusChanges = Long.parseLong(source.rows("SELECT count(*) FROM \"OSUSR_S_ITEM\" WHERE \"ID\" % 50"
                    + " = 4 AND \"STATUSID\" <> 9").get(0));
            assertThat(statusChanges).isPositive();
            source.sql("UPDATE \"OSUSR_S_ITEM\" SET \"FLAG\" = NOT coalesce(\"FLAG\", false) WHERE \"ID\" % 50 = 3");
            source.sql("UPDATE \"OSUSR_S_ITEM\" SET \"STATUSID\" = 9 WHERE \"ID\" % 50 = 4 AND \"STATUSID\" <> 9");
            SyncCounts spread = syncEqualsReplace(source, target);
            assertThat(spread.updated()).isEqualTo(ROWS / 50 + statusChanges);
            assertThat(spread.inserted() + spread.deleted()).isZero();
            assertThat(spread.rangesCompared()).isGreaterThanOrEqualTo((long) ROWS / EntitySync.LEAF_ROWS);

            assertThat(syncEqualsReplace(source, target).rowsChanged()).isZero();
        }
    }
}
