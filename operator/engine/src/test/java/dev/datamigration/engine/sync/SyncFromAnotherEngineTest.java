package dev.datamigration.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.testing.H2Dialect;
import dev.datamigration.engine.testing.MiniO11;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sync from a source that is not PostgreSQL (H2 standing in for SQL Server or Oracle): the source cannot hash in the
 * database, so its rows stream through the transformer (the user reference remapped) and are hashed in Java against
 * the target's database-side range hashes. The result equals a fresh Replace, the counts are exact, and a second Sync
 * changes nothing.
 */
class SyncFromAnotherEngineTest {

    private static final int ROWS = 3000;

    private static void build(MiniO11 o, String prefix, int userOffset) throws Exception {
        o.user(1 + userOffset, 2, "alice");
        o.user(2 + userOffset, 2, "bob");
        int app = o.app("Notes", true);
        int m = o.module(app, "NotesCore", "m-notes", false);
        int note = o.entity(m, "e-note", "Note", "OSUSR_" + prefix + "_Note", "n-id", "entity", false);
        o.attr(note, "n-id", "Id", "rtInteger", true, null, true, null);
        o.attr(note, "n-text", "Text", "rtText", false, null, true, null);
        o.attr(note, "n-amount", "Amount", "rtDecimal", false, null, true, null);
        o.attr(note, "n-owner", "OwnerId", MiniO11.USER_TYPE, false, "Ignore", true, null);
        o.sql("CREATE TABLE \"OSUSR_" + prefix + "_NOTE\" (\"ID\" integer PRIMARY KEY, \"TEXT\" varchar(200),"
                + " \"AMOUNT\" numeric(18,4), \"OWNERID\" integer)");
    }

    private static Map<String, SyncCounts> copy(MiniO11 source, MiniO11 target, CopyOptions options)
            throws Exception {
        Map<String, SyncCounts> counts = new LinkedHashMap<>();
        try (Connection s = source.connect(); Connection t = target.connect()) {
            Engine.copy(CopyRequest.of(s, t, List.of("Notes"), "Notes").withOptions(options)
                    .withDialects(new H2Dialect(), new PostgresDialect()).withListener(new ProgressListener() {
                        @Override
                        public void entitySynced(EntityPlan entity, SyncCounts c) {
                            counts.put(entity.name(), c);
                        }
                    }));
        }
        return counts;
    }

    private static List<String> targetRows(MiniO11 target) throws Exception {
        return target.rows("SELECT \"ID\" || '|' || coalesce(\"TEXT\", '-') || '|' || coalesce(\"AMOUNT\"::text, '-')"
                + " || '|' || coalesce(\"OWNERID\"::text, '-') FROM \"OSUSR_T_NOTE\" ORDER BY \"ID\"");
    }

    @Test
    void syncFromH2EqualsAFreshReplaceWithExactCounts() throws Exception {
        try (MiniO11 source = MiniO11.createH2("synch2src"); MiniO11 target = MiniO11.create("synch2tgt")) {
            build(source, "S", 0);
            build(target, "T", 10);
            for (int i = 1; i <= ROWS; i++) {
                source.sql("INSERT INTO \"OSUSR_S_NOTE\" VALUES (" + i + ", 'note " + i + "', " + i + ".25, "
                        + (i % 3 == 0 ? "NULL" : String.valueOf(1 + i % 2)) + ")");
            }
            copy(source, target, CopyOptions.defaults());
            assertThat(target.rows("SELECT count(*) || ':' || min(\"OWNERID\") || ':' || max(\"OWNERID\") FROM"
                    + " \"OSUSR_T_NOTE\"")).containsExactly(ROWS + ":11:12");

            source.sql("UPDATE \"OSUSR_S_NOTE\" SET \"TEXT\" = 'changed' WHERE \"ID\" % 100 = 5");
            source.sql("UPDATE \"OSUSR_S_NOTE\" SET \"OWNERID\" = 1 WHERE \"ID\" = 1");
            source.sql("DELETE FROM \"OSUSR_S_NOTE\" WHERE \"ID\" % 500 = 7");
            source.sql("INSERT INTO \"OSUSR_S_NOTE\" VALUES (5000, 'new', 1.5, 1), (5001, NULL, NULL, NULL)");
            Map<String, SyncCounts> first = copy(source, target, CopyOptions.defaults().withSync(true));
            SyncCounts note = first.get("Note");
            assertThat(note.inserted()).isEqualTo(2);
            assertThat(note.updated()).isEqualTo(ROWS / 100 + 1);
            assertThat(note.deleted()).isEqualTo(ROWS / 500);
            assertThat(note.rangesRewritten()).isBetween(1L, ROWS / 100 + 1 + ROWS / 500 + 2L);
            List<String> synced = targetRows(target);
            assertThat(synced).contains("1|note 1|1.2500|11", "5000|new|1.5000|11", "5001|-|-|-", "5|changed|5.2500|12");

            assertThat(copy(source, target, CopyOptions.defaults().withSync(true)).get("Note").rowsChanged()).isZero();
            copy(source, target, CopyOptions.defaults());
            assertThat(targetRows(target)).isEqualTo(synced);
        }
    }
}
