package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.engine.Engine;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target Secret whose login may only read QA: the plan Job lists every table the copy would write and the run
 * fails in Planning, before Production is stopped or a QA app undeployed, with no row written.
 */
class ReadOnlyTargetTest {

    private static final List<String> APPS = List.of("Catalog");

    @TempDir
    Path dir;
    E2eCluster e2e;
    String role;
    Properties login;

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_rights");
        role = EmbeddedPostgres.uniqueDatabaseName("qa_reader");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        try (Connection qa = e2e.databases().connectQa(); Statement st = qa.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        }
        e2e.secret("qa-db-reader", Map.of("username", role, "password", password));
        login = new Properties();
        login.setProperty("user", role);
        login.setProperty("password", password);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            e2e.close();
        } finally {
            try (Connection admin = EmbeddedPostgres.shared().connect("postgres");
                 Statement st = admin.createStatement()) {
                st.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /** The plan's errors for the read-only login, as the engine reports them here, outside the cluster. */
    private List<String> planErrors() throws Exception {
        try (Connection production = e2e.databases().connectProduction();
             Connection qa = DriverManager.getConnection(e2e.databases().qaUrl(), login)) {
            return Engine.plan(production, qa, APPS).errors();
        }
    }

    @Test
    @DisplayName("A read-only target login: the plan names every table it may not write, nothing is stopped or written")
    void readOnlyTargetFailsInPlanning() throws Exception {
        ExpectedOutcome oracle = e2e.factory().expected(APPS, UnmatchedUserPolicy.FAIL);
        Map<String, List<Map<String, Object>>> qaBefore = e2e.readQa(oracle.tables());
        List<String> errors = planErrors();
        assertThat(errors).containsExactly(
                "target: no DELETE, INSERT, UPDATE on OSUSR_X2K_CATEGORY (Catalog.Category)",
                "target: no UPDATE on sequence public.\"OSUSR_X2K_CATEGORY_ID_seq\" of OSUSR_X2K_CATEGORY"
                        + " (Catalog.Category)",
                "target: no DELETE, INSERT on OSUSR_X2K_CURRENCY (Catalog.Currency)",
                "target: no DELETE, INSERT on OSUSR_X2K_PRODUCT (Catalog.Product)",
                "target: no UPDATE on sequence public.\"OSUSR_X2K_PRODUCT_ID_seq\" of OSUSR_X2K_PRODUCT"
                        + " (Catalog.Product)",
                "target: no DELETE, INSERT on OSUSR_X2K_PROMOTION (Catalog.Promotion)",
                "target: no UPDATE on sequence public.\"OSUSR_X2K_PROMOTION_ID_seq\" of OSUSR_X2K_PROMOTION"
                        + " (Catalog.Promotion)");

        DataMigration migration = e2e.migration("read-only-qa", APPS.toArray(String[]::new));
        migration.getSpec().getTarget().getDatabase().setCredentialsSecret("qa-db-reader");
        e2e.create(migration);

        String message = e2e.awaitPhase("read-only-qa", Phase.Failed).getStatus().getMessage();
        assertThat(message).isEqualTo("Plan failed: plan has 7 error(s): " + String.join("; ", errors));
        assertThat(e2e.sideEffects()).isEmpty();
        assertThat(e2e.jobNames()).containsExactly("read-only-qa-plan");
        assertThat(e2e.simulator().maintenanceMode("Production")).isFalse();
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
        assertThat(e2e.readQa(oracle.tables())).isEqualTo(qaBefore);
    }
}
