package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.testing.SalesScenario;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A source kept running (KeepRunning): rows written in the source while an app is being copied are not copied, and
 * the app's entities are one consistent cut of the source. Right after Customer has been copied, the source gains a
 * customer with an order and a note, and an existing note changes. Read without one snapshot for the app, the new
 * order would reach QA without its customer (a foreign key failure) and the changed note would be copied; with it, QA
 * holds exactly the rows of the moment the copy began, and every entity verifies.
 */
class ReadSnapshotTest {

    private SalesScenario scenario;

    @BeforeEach
    void setUp() throws Exception {
        scenario = SalesScenario.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        scenario.close();
    }

    /** Writes into the source once Customer is copied, and records the entity events. */
    private final class WritesDuringTheCopy implements ProgressListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void entityCopied(EntityPlan entity, long rows, long millis) {
            events.add("copied " + entity.name() + " " + rows);
            if (entity.name().equals("Customer")) {
                try {
                    scenario.source.sql("BEGIN;"
                            + " INSERT INTO \"OSUSR_S1_CUSTOMER\" (\"ID\", \"NAME\", \"STATUSID\", \"CREATEDBY\","
                            + " \"BALANCE\") VALUES (4, 'Late', 3, 42, 1);"
                            + " INSERT INTO \"OSUSR_S1_ORDER\" VALUES (12, 4, NULL, '2024-03-01');"
                            + " INSERT INTO \"OSUSR_S1_NOTE\" VALUES (3, 4, 'late');"
                            + " UPDATE \"OSUSR_S1_NOTE\" SET \"TEXT\" = 'changed' WHERE \"ID\" = 1; COMMIT");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public synchronized void entityVerified(EntityPlan entity, long rows, String hash, long millis) {
            events.add("verified " + entity.name() + " " + rows);
        }
    }

    private void assertQaHoldsTheRowsOfTheStart(CopyResult result, WritesDuringTheCopy listener) throws Exception {
        assertThat(scenario.source.rows("SELECT count(*) FROM \"OSUSR_S1_ORDER\"")).as("the source was written")
                .containsExactly("3");
        assertThat(scenario.target.rows("SELECT \"ID\" || ':' || \"NAME\" FROM \"osusr_t9_customer\" ORDER BY 1"))
                .containsExactly("1:Ann", "2:Bob", "3:李雷 😀");
        assertThat(scenario.target.rows("SELECT \"ID\" || ':' || \"CUSTOMERID\" FROM \"osusr_t9_order\" ORDER BY 1"))
                .containsExactly("10:1", "11:2");
        assertThat(scenario.target.rows("SELECT \"ID\" || ':' || \"TEXT\" FROM \"osusr_t9_note\" ORDER BY 1"))
                .containsExactly("1:ok", "2:orphan");
        assertThat(result.entities()).extracting(CopyResult.EntityResult::rows).containsExactly(3L, 2L, 2L, 2L);
        assertThat(listener.events).contains("verified Customer 3", "verified Order 2", "verified Invoice 2",
                "verified Note 2");
    }

    @Test
    void aSourceWrittenDuringTheCopyIsCopiedAsItWasWhenTheCopyBegan() throws Exception {
        WritesDuringTheCopy listener = new WritesDuringTheCopy();
        CopyResult result;
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            result = Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales")
                    .withOptions(CopyOptions.defaults().withBatchSize(2)).withListener(listener));
        }
        assertQaHoldsTheRowsOfTheStart(result, listener);
    }

    @Test
    void entitiesCopiedAtOnceReadTheSameSnapshot() throws Exception {
        WritesDuringTheCopy listener = new WritesDuringTheCopy();
        CopyResult result;
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            result = Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales")
                    .withOptions(CopyOptions.defaults().withBatchSize(2).withConcurrentEntities(3))
                    .withListener(listener).withConnections(scenario.source::connect, scenario.target::connect));
        }
        assertQaHoldsTheRowsOfTheStart(result, listener);
    }
}
