package dev.datamigration.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.CopyResult;
import dev.datamigration.engine.testing.MiniO11;
import dev.datamigration.engine.testing.SalesScenario;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan's check of the credentials' rights on PostgreSQL, with real login roles on the shared embedded server and
 * the Sales scenario: a target role that may only read fails the plan naming every table with exactly what it lacks,
 * and nothing is written; the rights the plan asks for are exactly enough for the copy; a missing sequence right and
 * a source table the source role may not read are named too.
 */
class RightsCheckTest {

    /** What the Sales copy does to the target, as the plan reports it for a role that may only read. */
    private static final List<String> READ_ONLY_TARGET = List.of(
            "target: no DELETE, INSERT, UPDATE on osusr_t9_customer (Sales.Customer)",
            "target: no UPDATE on sequence public.\"osusr_t9_customer_ID_seq\" of osusr_t9_customer (Sales.Customer)",
            "target: no DELETE, INSERT, UPDATE on osusr_t9_order (Sales.Order)",
            "target: no DELETE, INSERT on osusr_t9_invoice (Sales.Invoice)",
            "target: no DELETE, INSERT on osusr_t9_note (Sales.Note)",
            "target: no DELETE on OSEVT_t9_Order (events of Sales.Order)");

    private final List<String> roles = new ArrayList<>();
    private SalesScenario scenario;

    @BeforeEach
    void setUp() throws Exception {
        scenario = SalesScenario.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        scenario.close();
        try (Connection admin = EmbeddedPostgres.shared().connect("postgres"); Statement st = admin.createStatement()) {
            for (String role : roles) {
                st.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /** A login role on {@code side}'s database, given {@code grants} (each a GRANT/REVOKE with {@code %s}). */
    private Properties role(MiniO11 side, String... grants) throws SQLException {
        String name = EmbeddedPostgres.uniqueDatabaseName("rights");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        side.sql("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
        roles.add(name);
        for (String grant : grants) {
            side.sql(grant.formatted(name));
        }
        Properties login = new Properties();
        login.setProperty("user", name);
        login.setProperty("password", password);
        return login;
    }

    private static Connection connect(MiniO11 side, Properties login) throws SQLException {
        return DriverManager.getConnection(EmbeddedPostgres.shared().jdbcUrl(side.database()), login);
    }

    private Plan plan(Properties sourceLogin, Properties targetLogin) throws SQLException {
        try (Connection s = sourceLogin == null ? scenario.source.connect() : connect(scenario.source, sourceLogin);
             Connection t = targetLogin == null ? scenario.target.connect() : connect(scenario.target, targetLogin)) {
            return Engine.plan(s, t, List.of("Sales"));
        }
    }

    private CopyResult copy(Properties targetLogin) throws SQLException {
        try (Connection s = scenario.source.connect(); Connection t = connect(scenario.target, targetLogin)) {
            return Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales"));
        }
    }

    /** The QA rows, OSEVT row and identity position the wipe and the load would change. */
    private List<String> targetState() throws SQLException {
        List<String> state = new ArrayList<>();
        state.addAll(scenario.target.rows("SELECT \"ID\" || ':' || \"NAME\" FROM \"osusr_t9_customer\" ORDER BY 1"));
        state.addAll(scenario.target.rows("SELECT 'order ' || \"ID\" FROM \"osusr_t9_order\""));
        state.addAll(scenario.target.rows("SELECT 'invoice ' || \"ID\" FROM \"osusr_t9_invoice\""));
        state.addAll(scenario.target.rows("SELECT 'note ' || \"ID\" FROM \"osusr_t9_note\""));
        state.addAll(scenario.target.rows("SELECT 'event ' || \"ID\" FROM \"OSEVT_t9_Order\""));
        state.addAll(scenario.target.rows("SELECT 'sequence ' || last_value || ' ' || is_called FROM"
                + " \"osusr_t9_customer_ID_seq\""));
        return state;
    }

    private static final List<String> STALE_TARGET = List.of("50:Stale", "order 60", "invoice 70", "note 80",
            "event 60", "sequence 1 false");

    @Test
    void aTargetRoleThatMayOnlyReadFailsThePlanNamingEveryTableAndNothingIsWritten() throws Exception {
        Properties readOnly = role(scenario.target, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s");
        assertThat(targetState()).isEqualTo(STALE_TARGET);

        Plan plan = plan(null, readOnly);

        assertThat(plan.errors()).containsExactlyElementsOf(READ_ONLY_TARGET);
        assertThat(plan.apps()).hasSize(1);
        assertThat(targetState()).isEqualTo(STALE_TARGET);
    }

    @Test
    void theRightsThePlanAsksForAreExactlyEnoughForTheCopy() throws Exception {
        Properties writer = role(scenario.target,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s",
                "GRANT INSERT, DELETE ON osusr_t9_customer, osusr_t9_note, osusr_t9_invoice, osusr_t9_order TO %s",
                "GRANT UPDATE ON osusr_t9_customer, osusr_t9_order TO %s",
                "GRANT DELETE ON \"OSEVT_t9_Order\" TO %s",
                "GRANT UPDATE ON SEQUENCE \"osusr_t9_customer_ID_seq\" TO %s");

        Plan plan = plan(null, writer);
        assertThat(plan.errors()).isEmpty();
        assertThat(targetState()).isEqualTo(STALE_TARGET);

        CopyResult result = copy(writer);
        assertThat(result.entities()).extracting(CopyResult.EntityResult::rows).containsExactly(3L, 2L, 2L, 2L);
        assertThat(scenario.target.rows("SELECT \"ID\" || ':' || \"NAME\" FROM \"osusr_t9_customer\" ORDER BY 1"))
                .containsExactly("1:Ann", "2:Bob", "3:李雷 😀");
        assertThat(scenario.target.rows("SELECT count(*) FROM \"OSEVT_t9_Order\"")).containsExactly("0");
        assertThat(scenario.target.rows("SELECT last_value || ' ' || is_called FROM \"osusr_t9_customer_ID_seq\""))
                .containsExactly("3 true");
    }

    @Test
    void aMissingSequenceRightIsNamedAndIsWhatTheCopyWouldFailOn() throws Exception {
        Properties noSequence = role(scenario.target,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %s");

        assertThat(plan(null, noSequence).errors()).containsExactly("target: no UPDATE on sequence"
                + " public.\"osusr_t9_customer_ID_seq\" of osusr_t9_customer (Sales.Customer)");
        assertThatThrownBy(() -> copy(noSequence)).isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for sequence osusr_t9_customer_ID_seq");
    }

    @Test
    void aSourceTableTheSourceRoleMayNotReadIsNamedAndItsRowsAreNotCounted() throws Exception {
        Properties reader = role(scenario.source, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s",
                "REVOKE SELECT ON \"OSUSR_S1_NOTE\" FROM %s");

        Plan plan = plan(reader, null);

        assertThat(plan.errors()).containsExactly("source: no SELECT on OSUSR_S1_NOTE (Sales.Note)");
        assertThat(plan.apps().get(0).entities()).extracting(EntityPlan::name, EntityPlan::estimatedRows)
                .contains(tuple("Note", 0L), tuple("Customer", 3L));
    }

    @Test
    void anEntityOutsideTheScopeWhoseReferencesTheWipeCountsMustBeReadable() throws Exception {
        // Crm.Lead references Sales.Customer under Protect: the wipe counts its references before deleting.
        scenario.target.sql("UPDATE OSSYS_ENTITY_ATTR SET DELETE_RULE = 'Protect' WHERE SS_KEY = 'l-cust'");
        Properties writer = role(scenario.target,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %s",
                "GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public TO %s",
                "REVOKE SELECT ON \"OSUSR_K2_LEAD\" FROM %s");

        assertThat(plan(null, writer).errors()).containsExactly("target: no SELECT on OSUSR_K2_LEAD (Crm.Lead)");
    }

    @Test
    void sourceAndTargetProblemsAreListedTogetherAfterThePlansOwnErrors() throws Exception {
        scenario.source.sql("DROP TABLE \"OSUSR_S1_NOTE\"");
        Properties reader = role(scenario.source, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s",
                "REVOKE SELECT ON \"OSUSR_S1_INVOICE\" FROM %s");
        Properties readOnly = role(scenario.target, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s");

        List<String> expected = new ArrayList<>();
        expected.add("missing physical table OSUSR_s1_Note of Sales.Note in the source");
        expected.add("source: no SELECT on OSUSR_S1_INVOICE (Sales.Invoice)");
        READ_ONLY_TARGET.stream().filter(line -> !line.contains("Sales.Note")).forEach(expected::add);
        expected.add("target: no DELETE on osusr_t9_note");
        assertThat(plan(reader, readOnly).errors()).containsExactlyElementsOf(expected);
    }
}
