package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.FailureClassifier;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.testing.H2Dialect;
import dev.datamigration.engine.testing.MiniO11;
import dev.datamigration.engine.testing.SalesScenario;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad input gets a clear, permanent error, and the target is left no worse than a clean failed run: failures
 * found before the wipe leave the stale QA rows untouched; a failure inside an entity load leaves that entity empty
 * (its transaction rolled back), never half-written.
 */
class CopyFailuresTest {

    private static final String STALE_CUSTOMERS = "SELECT \"ID\" || ':' || \"NAME\" FROM \"osusr_t9_customer\"";

    private SalesScenario scenario;

    @BeforeEach
    void setUp() throws Exception {
        scenario = SalesScenario.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        scenario.close();
    }

    private Plan plan(List<String> apps) throws Exception {
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            return Engine.plan(s, t, apps);
        }
    }

    private CopyResult copy(CopyOptions options) throws Exception {
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            return Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales").withOptions(options));
        }
    }

    private void assertTargetUntouched() throws Exception {
        assertThat(scenario.target.rows(STALE_CUSTOMERS)).containsExactly("50:Stale");
        assertThat(scenario.target.rows("SELECT count(*) FROM \"OSEVT_t9_Order\"")).containsExactly("1");
    }

    @Test
    void unknownAndInactiveAppsAreNamed() throws Exception {
        assertThat(plan(List.of("Nope", "Legacy")).errors()).containsExactly(
                "unknown application Nope: no active application of that name in the source",
                "unknown application Legacy: no active application of that name in the source");
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, List.of("Nope"), "Nope")))
                    .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                    .hasMessage("the plan has errors: unknown application Nope: no active application of that name"
                            + " in the source");
        }
        assertTargetUntouched();
    }

    @Test
    void missingPhysicalTableFailsThePlan() throws Exception {
        scenario.source.sql("DROP TABLE \"OSUSR_S1_NOTE\"");
        assertThat(plan(List.of("Sales")).errors())
                .containsExactly("missing physical table OSUSR_s1_Note of Sales.Note in the source");
        assertThatThrownBy(() -> copy(CopyOptions.defaults())).isInstanceOf(MigrationException.class)
                .hasMessageContaining("missing physical table OSUSR_s1_Note of Sales.Note in the source");
        assertTargetUntouched();
    }

    @Test
    void mandatoryCycleIsAPlanErrorNamingTheEntities() throws Exception {
        scenario.target.sql("UPDATE OSSYS_ENTITY_ATTR SET IS_MANDATORY = true WHERE SS_KEY = 'o-lastinv'");
        assertThat(plan(List.of("Sales")).errors()).containsExactly("mandatory reference cycle between"
                + " Sales.Invoice, Sales.Order: no order can load them; make one of the references optional");
        assertThatThrownBy(() -> copy(CopyOptions.defaults())).isInstanceOf(MigrationException.class)
                .hasMessageContaining("mandatory reference cycle between Sales.Invoice, Sales.Order");
        assertTargetUntouched();
    }

    @Test
    void referenceToAnAppOutOfScopeIsUnresolved() throws Exception {
        for (MiniO11 side : List.of(scenario.source, scenario.target)) {
            side.sql("INSERT INTO OSSYS_ENTITY_ATTR (ID, ENTITY_ID, NAME, SS_KEY, TYPE, IS_ACTIVE) SELECT 9001, ID,"
                    + " 'LeadId', 'n-lead', 'btm-crm*e-lead', true FROM OSSYS_ENTITY WHERE SS_KEY = 'e-note'");
        }
        scenario.source.sql("ALTER TABLE \"OSUSR_S1_NOTE\" ADD COLUMN \"LEADID\" integer");
        scenario.target.sql("ALTER TABLE \"osusr_t9_note\" ADD COLUMN \"LEADID\" integer");
        assertThat(plan(List.of("Sales")).errors())
                .containsExactly("unresolved reference: Sales.Note.LeadId -> Crm.Lead (add Crm to apps)");
        assertThatThrownBy(() -> copy(CopyOptions.defaults())).isInstanceOf(MigrationException.class);
        assertTargetUntouched();
    }

    @Test
    void unmatchedUserFailsBeforeAnythingIsWrittenAndNamesTheUsername() throws Exception {
        scenario.source.sql("UPDATE \"OSUSR_S1_CUSTOMER\" SET \"CREATEDBY\" = 44 WHERE \"ID\" = 2");
        assertThatThrownBy(() -> copy(CopyOptions.defaults()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessage("users referenced by Sales have no target user with the same username and tenant:"
                        + " nobody.in.qa (tenant Users) in Customer.CreatedBy (create them in the target, or set users.unmatched:"
                        + " SetNull)");
        assertTargetUntouched();
    }

    @Test
    void unmatchedUserUnderSetNullBecomesNullWithAWarning() throws Exception {
        scenario.source.sql("UPDATE \"OSUSR_S1_CUSTOMER\" SET \"CREATEDBY\" = 44 WHERE \"ID\" = 2");
        CopyResult result = copy(CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL));
        assertThat(scenario.target.rows("SELECT \"ID\" || ':' || COALESCE(\"CREATEDBY\"::text, 'NULL') FROM"
                + " \"osusr_t9_customer\" ORDER BY \"ID\"")).containsExactly("1:7", "2:NULL", "3:8");
        assertThat(result.warnings()).contains("Sales.Customer.CreatedBy: 1 row(s) referenced users without a"
                + " target user and were set to NULL (nobody.in.qa (tenant Users))");
    }

    @Test
    void entityOutsideTheScopeThatBlocksTheWipeIsNamed() throws Exception {
        scenario.target.sql("UPDATE OSSYS_ENTITY_ATTR SET DELETE_RULE = 'Protect' WHERE SS_KEY = 'l-cust'");
        scenario.target.sql("ALTER TABLE \"OSUSR_K2_LEAD\" ADD FOREIGN KEY (\"CUSTOMERID\") REFERENCES"
                + " \"osusr_t9_customer\"");
        assertThatThrownBy(() -> copy(CopyOptions.defaults()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessage("cannot replace the target data of Sales: entities outside the scope reference it and"
                        + " would block the delete: Crm.Lead.CustomerId (1 rows reference Sales.Customer) (add"
                        + " their applications to apps)");
        assertTargetUntouched();
    }

    @Test
    void appendRemapAndCreateAreRefusedBeforeAnyWrite() throws Exception {
        assertThatThrownBy(() -> copy(new CopyOptions(false, true, CopyOptions.UnmatchedUsers.FAIL, 100)))
                .hasMessage("existingData Append is not supported yet: use Replace");
        assertThatThrownBy(() -> copy(new CopyOptions(true, false, CopyOptions.UnmatchedUsers.FAIL, 100)))
                .hasMessage("identity Remap is not supported yet: use Preserve");
        assertThatThrownBy(() -> copy(CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.CREATE)))
                .hasMessage("users.unmatched Create is not supported for O11 targets: use Fail or SetNull");
        assertTargetUntouched();
    }

    @Test
    void contentMismatchFailsVerificationNamingTheFirstDifferingRow() throws Exception {
        scenario.target.sql("CREATE FUNCTION shout() RETURNS trigger AS $$ BEGIN NEW.\"TEXT\" := upper(NEW.\"TEXT\");"
                + " RETURN NEW; END $$ LANGUAGE plpgsql");
        scenario.target.sql("CREATE TRIGGER shout BEFORE INSERT ON \"osusr_t9_note\" FOR EACH ROW EXECUTE FUNCTION"
                + " shout()");
        assertThatThrownBy(() -> copy(CopyOptions.defaults()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageStartingWith("verification failed for Sales.Note: source 2 rows, ")
                .hasMessageContaining(" (hashed as written), target 2 rows, ")
                .hasMessageEndingWith("; first difference: row 1, column Text: source 'ok', target 'OK'");
    }

    @Test
    void nulCharacterFailsTheEntityWithItsRowKeyAndLeavesItEmpty() throws Exception {
        try (MiniO11 h2 = MiniO11.createH2("nulsource")) {
            int app = h2.app("Sales", true);
            int m = h2.module(app, "SalesCore", SalesScenario.SALES, false);
            int note = h2.entity(m, "e-note", "Note", "OSUSR_h2_Note", "n-id", "entity", false);
            h2.attr(note, "n-id", "Id", "rtInteger", true, null, true, null);
            h2.attr(note, "n-text", "Text", "rtText", false, null, true, null);
            h2.sql("CREATE TABLE \"OSUSR_H2_NOTE\" (\"ID\" integer PRIMARY KEY, \"TEXT\" varchar(100))");
            h2.sql("INSERT INTO \"OSUSR_H2_NOTE\" VALUES (1, 'fine'), (2, 'bad' || CHAR(0) || 'value')");
            // The target's Note loses its Customer reference so that it is the only entity of the app in H2.
            scenario.target.sql("DELETE FROM OSSYS_ENTITY_ATTR WHERE SS_KEY = 'n-cust'");
            scenario.target.sql("UPDATE OSSYS_ENTITY SET IS_ACTIVE = false WHERE SS_KEY IN ('e-cust', 'e-order',"
                    + " 'e-inv')");
            try (Connection s = h2.connect(); Connection t = scenario.target.connect()) {
                assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales")
                        .withDialects(new H2Dialect(), new PostgresDialect())))
                        .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                        .hasMessage("Sales.Note.Text of row Id=2 cannot be written to PostgreSQL: NUL character at"
                                + " position 3 (PostgreSQL text cannot hold it)");
            }
        }
        assertThat(scenario.target.rows("SELECT count(*) FROM \"osusr_t9_note\"")).containsExactly("0");
    }

    /**
     * A QA trigger refusing one row (RAISE EXCEPTION, SQLSTATE P0001) refuses it on every retry: the failure is
     * permanent, so the copy Job exits 2 and is not retried.
     */
    @Test
    void aTriggerRaisingAnExceptionFailsTheEntityPermanentlyAndLeavesItEmpty() throws Exception {
        scenario.target.sql("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.\"ID\" = 2 THEN RAISE"
                + " EXCEPTION 'note % refused by a QA trigger', NEW.\"ID\"; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        scenario.target.sql("CREATE TRIGGER refuse BEFORE INSERT ON \"osusr_t9_note\" FOR EACH ROW EXECUTE FUNCTION"
                + " refuse()");
        List<String> failed = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void entityFailed(EntityPlan entity, String message) {
                failed.add(entity.label() + ": " + message);
            }
        };
        try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales").withListener(listener)))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("P0001");
                        assertThat(FailureClassifier.isPermanent(e)).isTrue();
                    })
                    .hasMessageContaining("note 2 refused by a QA trigger");
        }
        assertThat(failed).singleElement().satisfies(f -> assertThat(f)
                .startsWith("Sales.Note: ERROR: note 2 refused by a QA trigger"));
        assertThat(scenario.target.rows("SELECT count(*) FROM \"osusr_t9_note\"")).containsExactly("0");
    }

    /** A BEFORE INSERT trigger returning NULL drops the row from the COPY's count: permanent, never skipped. */
    @Test
    void aTriggerThatSkipsARowFailsTheEntityPermanentlyNamingTheCounts() throws Exception {
        scenario.target.sql("CREATE FUNCTION skip() RETURNS trigger AS $$ BEGIN IF NEW.\"ID\" = 2 THEN RETURN NULL;"
                + " END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        scenario.target.sql("CREATE TRIGGER skip BEFORE INSERT ON \"osusr_t9_note\" FOR EACH ROW EXECUTE FUNCTION"
                + " skip()");
        assertThatThrownBy(() -> copy(CopyOptions.defaults()))
                .isInstanceOfSatisfying(MigrationException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(FailureClassifier.isPermanent(e)).isTrue();
                })
                .hasMessage("Sales.Note: 2 rows read but 1 written");
        assertThat(scenario.target.rows("SELECT count(*) FROM \"osusr_t9_note\"")).containsExactly("0");
    }
}
