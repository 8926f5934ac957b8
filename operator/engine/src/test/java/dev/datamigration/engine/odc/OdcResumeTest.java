package dev.datamigration.engine.odc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.InMemoryCheckpointStore;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.odc.OdcExpected;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A copy into an ODC stage stopped after its first verified entity resumes from the checkpoint: the verified entity
 * is not loaded again (a row changed in it meanwhile stays changed), the others are, and every other table ends
 * exactly as the oracle says.
 */
class OdcResumeTest {

    @Test
    void aStoppedCopyResumesFromItsCheckpoint() throws Exception {
        try (OdcStageRig rig = new OdcStageRig(true)) {
            List<String> apps = List.of("Catalog");
            InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
            String[] first = new String[1];
            ProgressListener stopAfterFirst = new ProgressListener() {
                @Override
                public void entityVerified(EntityPlan entity, long rows, String hash, long millis) {
                    first[0] = entity.name();
                    throw new IllegalStateException("pod killed after " + entity.name());
                }
            };
            try (Connection s = rig.source(); Connection t = rig.target()) {
                assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, apps, "Catalog").withOdcMapping(rig.mapping())
                        .withOdcUserKeys(rig.userKeys()).withCheckpoints(checkpoints).withListener(stopAfterFirst)))
                        .hasMessageStartingWith("pod killed after ");
            }
            OdcExpected expected = new OdcExpected(rig.stage);
            String verified = expected.copiedTables().stream()
                    .filter(table -> expected.entity(table).name().equals(first[0])).findFirst().orElseThrow();
            try (Connection t = rig.target(); Statement st = t.createStatement()) {
                st.executeUpdate("UPDATE " + verified + " SET " + marked(expected, verified));
            }
            try (Connection s = rig.source(); Connection t = rig.target()) {
                Engine.copy(CopyRequest.of(s, t, apps, "Catalog").withOdcMapping(rig.mapping())
                        .withOdcUserKeys(rig.userKeys()).withCheckpoints(checkpoints));
            }
            try (Connection t = rig.target()) {
                for (String table : expected.copiedTables()) {
                    if (!rig.stage.app(expected.entity(table)).orElse("").equals("Catalog")) {
                        continue;
                    }
                    if (table.equals(verified)) {
                        assertThat(Rows.read(t, table)).as(table).isNotEqualTo(expected.rows(table))
                                .hasSameSizeAs(expected.rows(table));
                    } else {
                        assertThat(Rows.read(t, table)).as(table).isEqualTo(expected.rows(table));
                    }
                }
            }
        }
    }

    /** An update that changes every row of the verified entity's table without breaking a constraint. */
    private static String marked(OdcExpected expected, String table) {
        return switch (expected.entity(table).name()) {
            case "Category" -> "sortorder = 99";
            case "Currency" -> "symbol = '?'";
            case "Promotion" -> "title = 'changed'";
            default -> throw new IllegalStateException("no marker for " + table);
        };
    }
}
