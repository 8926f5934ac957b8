package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.catalog.CatalogReader;
import dev.datamigration.engine.dialect.TableRead;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.testing.SalesScenario;
import dev.datamigration.engine.verify.ContentHash;
import dev.datamigration.engine.verify.EntityVerifier;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plans and copies the Sales app of {@link SalesScenario} on real PostgreSQL and asserts the exact target rows. */
class SalesCopyTest {

    private SalesScenario scenario;

    @BeforeEach
    void setUp() throws Exception {
        scenario = SalesScenario.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        scenario.close();
    }

    @Test
    void planOrdersEntitiesBreaksTheCycleAndReportsModelDifferences() throws Exception {
        Plan plan;
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            plan = Engine.plan(s, t, List.of("Sales"));
        }
        assertThat(plan.errors()).isEmpty();
        AppPlan sales = plan.app("Sales").orElseThrow();
        assertThat(sales.wave()).isZero();
        assertThat(sales.entities()).extracting(EntityPlan::name)
                .containsExactly("Customer", "Order", "Invoice", "Note");
        assertThat(sales.entities()).extracting(EntityPlan::sourceTable, EntityPlan::targetTable).containsExactly(
                org.assertj.core.groups.Tuple.tuple("OSUSR_S1_CUSTOMER", "osusr_t9_customer"),
                org.assertj.core.groups.Tuple.tuple("OSUSR_S1_ORDER", "osusr_t9_order"),
                org.assertj.core.groups.Tuple.tuple("OSUSR_S1_INVOICE", "osusr_t9_invoice"),
                org.assertj.core.groups.Tuple.tuple("OSUSR_S1_NOTE", "osusr_t9_note"));
        assertThat(sales.entities()).extracting(EntityPlan::estimatedRows).containsExactly(3L, 2L, 2L, 2L);
        assertThat(plan.deferred()).extracting(d -> d.column().attribute())
                .containsExactlyInAnyOrder("ParentId", "LastInvoiceId");
        assertThat(plan.warnings()).containsExactly(
                "target-only attribute Sales.Customer.Segment filled with 'Retail'",
                "target-only attribute Sales.Customer.Score filled with 0",
                "source-only attribute Sales.Customer.LegacyCode is not in the target: not copied",
                "leftover target column Sales.Customer.OLDFLAG (no active attribute, NOT NULL, no default) filled"
                        + " with 0");
        assertThat(plan.wipes().get("Sales").deleteOrder())
                .containsExactly("osusr_t9_note", "osusr_t9_invoice", "osusr_t9_order", "osusr_t9_customer");
        assertThat(plan.wipes().get("Sales").eventTables()).containsExactly("OSEVT_t9_Order");
    }

    @Test
    void copyWritesExactlyTheRemappedSourceRows() throws Exception {
        List<String> events = new ArrayList<>();
        CopyResult result;
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            result = Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales")
                    .withOptions(CopyOptions.defaults().withBatchSize(2)).withListener(new RecordingListener(events)));
        }
        assertThat(scenario.target.rows("SELECT row_to_json(t)::text FROM \"osusr_t9_customer\" t ORDER BY \"ID\""))
                .containsExactly(
                        "{\"ID\":1,\"NAME\":\"Ann\",\"STATUSID\":1,\"CREATEDBY\":7,"
                                + "\"BALANCE\":12345678901234567890123456789.12345678,\"PHOTO\":\"\\\\x00ff10\","
                                + "\"BORN\":\"1900-01-01T00:00:00\",\"VIP\":true,\"PARENTID\":1,"
                                + "\"NOTES\":\"tab\\there\\nnew\\\\back\\rcr\",\"SEGMENT\":\"Retail\",\"SCORE\":0,"
                                + "\"OLDFLAG\":0}",
                        "{\"ID\":2,\"NAME\":\"Bob\",\"STATUSID\":null,\"CREATEDBY\":null,\"BALANCE\":0.00000001,"
                                + "\"PHOTO\":\"\\\\x\",\"BORN\":\"1985-05-06T07:08:09.123456\",\"VIP\":false,"
                                + "\"PARENTID\":1,\"NOTES\":\"\",\"SEGMENT\":\"Retail\",\"SCORE\":0,\"OLDFLAG\":0}",
                        "{\"ID\":3,\"NAME\":\"李雷 😀\",\"STATUSID\":8,\"CREATEDBY\":8,\"BALANCE\":-1.50000000,"
                                + "\"PHOTO\":null,\"BORN\":\"2024-02-29T23:59:59\",\"VIP\":false,\"PARENTID\":2,"
                                + "\"NOTES\":null,\"SEGMENT\":\"Retail\",\"SCORE\":0,\"OLDFLAG\":0}");
        assertThat(scenario.target.rows("SELECT row_to_json(t)::text FROM \"osusr_t9_order\" t ORDER BY \"ID\""))
                .containsExactly(
                        "{\"ID\":10,\"CUSTOMERID\":1,\"LASTINVOICEID\":100,\"CREATEDON\":\"2024-01-01\"}",
                        "{\"ID\":11,\"CUSTOMERID\":2,\"LASTINVOICEID\":null,\"CREATEDON\":\"1900-01-01\"}");
        assertThat(scenario.target.rows("SELECT row_to_json(t)::text FROM \"osusr_t9_invoice\" t ORDER BY \"ID\""))
                .containsExactly(
                        "{\"ID\":100,\"ORDERID\":10,\"AMOUNT\":99.9900,\"TENANT_ID\":5}",
                        "{\"ID\":101,\"ORDERID\":11,\"AMOUNT\":0.0001,\"TENANT_ID\":2}");
        assertThat(scenario.target.rows("SELECT row_to_json(t)::text FROM \"osusr_t9_note\" t ORDER BY \"ID\""))
                .containsExactly(
                        "{\"ID\":1,\"CUSTOMERID\":3,\"TEXT\":\"ok\"}",
                        "{\"ID\":2,\"CUSTOMERID\":999,\"TEXT\":\"orphan\"}");
        // BPT subscriptions cleared, static table never written, the other app's rows untouched.
        assertThat(scenario.target.rows("SELECT count(*) FROM \"OSEVT_t9_Order\"")).containsExactly("0");
        assertThat(scenario.target.rows("SELECT \"ID\" || ':' || \"LABEL\" FROM \"osusr_t9_status\" ORDER BY 1"))
                .containsExactly("1:Open", "2:Closed", "8:Old");
        assertThat(scenario.target.rows("SELECT \"ID\" || ':' || \"CUSTOMERID\" FROM \"OSUSR_K2_LEAD\""))
                .containsExactly("1:50");
        // The identity was reseeded past the copied ids.
        assertThat(scenario.target.rows("INSERT INTO \"osusr_t9_customer\" (\"NAME\", \"BALANCE\", \"OLDFLAG\")"
                + " VALUES ('new', 0, 0) RETURNING \"ID\"")).containsExactly("4");

        assertThat(result.entities()).extracting(CopyResult.EntityResult::name, CopyResult.EntityResult::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Customer", 3L),
                        org.assertj.core.groups.Tuple.tuple("Order", 2L),
                        org.assertj.core.groups.Tuple.tuple("Invoice", 2L),
                        org.assertj.core.groups.Tuple.tuple("Note", 2L));
        assertThat(result.entities()).allSatisfy(e -> assertThat(e.hash()).matches("[0-9a-f]{32}"));
        assertThat(result.warnings()).containsExactly(
                "Sales.Customer.StatusId: 1 row(s) referenced static records without an active target record and"
                        + " were set to NULL (Status.Old (id 5, inactive))",
                "Sales.Note.CustomerId: 1 row(s) reference Sales.Customer rows that do not exist in the source"
                        + " (Delete Rule Ignore): copied as is (999)");
        // Customer's self reference is set in its own load; Order waits for Invoice, whose load sets
        // Order.LastInvoiceId, so Order verifies after Invoice is copied.
        assertThat(events).containsSubsequence(
                "started Customer", "copied Customer 3", "verified Customer 3",
                "started Order", "copied Order 2",
                "started Invoice", "copied Invoice 2", "verified Order 2", "verified Invoice 2",
                "started Note", "copied Note 2", "verified Note 2", "finished Sales true");
    }

    /**
     * Every entity is verified by its rows hashed as written against the stored rows, hashed alike: those without
     * deferred columns with the hash their load computed, the others (ParentId, LastInvoiceId change after the load)
     * with the source read again and hashed as a load would write its final rows. The verifier gives the same hash
     * for an entity when asked to read both sides itself (as after a Sync).
     */
    @Test
    void everyEntityIsVerifiedByItsRowsHashedAsWrittenAgainstTheStoredRows() throws Exception {
        CopyResult result;
        Plan plan;
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            result = Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales")
                    .withOptions(CopyOptions.defaults().withBatchSize(2)));
            plan = Engine.plan(s, t, List.of("Sales"));
        }
        java.util.Map<String, String> hashes = new java.util.HashMap<>();
        result.entities().forEach(e -> hashes.put(e.name(), e.hash()));
        PostgresDialect pg = new PostgresDialect();
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            Remaps remaps = new Remaps(new CatalogReader(pg).read(s, "source"), new CatalogReader(pg).read(t,
                    "target"));
            EntityVerifier bothSides = new EntityVerifier(s, pg, t, pg, remaps, 100);
            for (EntityPlan entity : plan.app("Sales").orElseThrow().entities()) {
                ContentHash stored = new ContentHash();
                assertThat(pg.fastPathTo(pg).orElseThrow().hashStored(t, TableRead.all(entity.targetTable(),
                        entity.columns().stream().map(ColumnPlan::target).toList(), 100), stored))
                        .isEqualTo(entity.name().equals("Customer") ? 3 : 2);
                t.rollback();
                String binary = stored.hex();
                assertThat(hashes.get(entity.name())).as(entity.name()).isEqualTo(binary);
                assertThat(bothSides.verify(entity).hash()).as(entity.name()).isEqualTo(binary);
            }
        }
    }

    @Test
    void aResumedCopyReportsWhatEarlierRunsCommittedBeforeLoadingAnything() throws Exception {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales").withCheckpoints(store));
        }
        // As if the earlier run was killed after committing Customer's load and before verifying it.
        Checkpoint checkpoint = store.load("Sales");
        String customer = checkpoint.entities().keySet().stream().filter(k -> k.endsWith("*e-cust")).findFirst()
                .orElseThrow();
        checkpoint.mark(customer, Checkpoint.Step.COPIED, 3, null);
        store.save(checkpoint);
        List<String> events = new ArrayList<>();
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales").withCheckpoints(store)
                    .withListener(new RecordingListener(events)));
        }
        assertThat(events).containsExactly("copied Customer 3", "verified Order 2", "verified Invoice 2",
                "verified Note 2", "verified Customer 3", "finished Sales true");
    }

    /** Records the listener calls as short strings. */
    static final class RecordingListener implements ProgressListener {
        private final List<String> events;

        RecordingListener(List<String> events) {
            this.events = events;
        }

        @Override
        public void entityStarted(EntityPlan entity, long sourceRows) {
            events.add("started " + entity.name());
        }

        @Override
        public void entityCopied(EntityPlan entity, long rows, long millis) {
            events.add("copied " + entity.name() + " " + rows);
        }

        @Override
        public void entityVerified(EntityPlan entity, long rows, String hash, long millis) {
            events.add("verified " + entity.name() + " " + rows);
        }

        @Override
        public void entityFailed(EntityPlan entity, String message) {
            events.add("failed " + entity.name() + " " + message);
        }

        @Override
        public void appFinished(String app, boolean succeeded, String message) {
            events.add("finished " + app + " " + succeeded + (message == null ? "" : " " + message));
        }
    }
}
