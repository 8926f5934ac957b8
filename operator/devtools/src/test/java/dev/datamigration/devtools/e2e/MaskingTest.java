package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.MaskingStrategy;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masking through the whole product (operator, plan and copy Jobs, the key Secret mounted as a volume): the masked
 * attributes reach QA only masked, the run succeeds with every entity verified, status lists what was masked; a rule
 * the plan cannot honour fails the run in Planning, before any platform write.
 */
class MaskingTest {

    private static final List<String> APPS = List.of("Customers");

    @TempDir
    Path dir;
    E2eCluster e2e;

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_mask");
        e2e.secret("masking-key", Map.of("key", "e2e masking key: 32 bytes or so"));
    }

    @AfterEach
    void stop() throws Exception {
        e2e.close();
    }

    private static MaskingRule rule(String app, String entity, String attribute, MaskingStrategy strategy) {
        MaskingRule rule = new MaskingRule();
        rule.setApp(app);
        rule.setEntity(entity);
        rule.setAttribute(attribute);
        rule.setStrategy(strategy);
        return rule;
    }

    private String customerTable(ExpectedOutcome expected) {
        return expected.tables().stream().filter(t -> t.endsWith("_CUSTOMER")).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("Email, Name and Phone of Customer reach QA masked; the run succeeds verified; status lists them")
    void masksInFlight() throws Exception {
        DataMigration migration = e2e.migration("masked", "Customers");
        migration.getSpec().setMasking(List.of(rule("Customers", "Customer", "Email", MaskingStrategy.Email),
                rule("Customers", "Customer", "Name", MaskingStrategy.Hash),
                rule("*", "*", "Phone", MaskingStrategy.Hash)));
        migration.getSpec().setMaskingKeySecret("masking-key");
        e2e.create(migration);

        DataMigrationStatus status = e2e.awaitPhase("masked", Phase.Succeeded).getStatus();

        AppStatus customers = status.getApps().get(0);
        assertThat(customers.getMaskedAttributes()).containsExactly("Customer.Name (Hash)",
                "Customer.Email (Email)", "Customer.Phone (Hash)");
        ExpectedOutcome expected = e2e.factory().expected(APPS, UnmatchedUserPolicy.FAIL);
        assertThat(customers.getMigratedEntities()).containsExactlyElementsOf(expected.plannedEntities("Customers"));
        String table = customerTable(expected);
        List<Map<String, Object>> oracle = expected.rows(table);
        Set<Object> secrets = new HashSet<>();
        for (Map<String, Object> row : oracle) {
            for (String column : List.of("EMAIL", "NAME", "PHONE")) {
                if (row.get(column) != null && !"".equals(row.get(column))) {
                    secrets.add(row.get(column));
                }
            }
        }
        List<Map<String, Object>> qa;
        try (Connection connection = e2e.databases().connectQa()) {
            qa = Rows.read(connection, table);
        }
        assertThat(qa).hasSameSizeAs(oracle);
        for (int i = 0; i < qa.size(); i++) {
            Map<String, Object> row = qa.get(i);
            assertThat(row.values()).as("row %s", row.get("ID")).doesNotContainAnyElementsOf(secrets);
            assertThat(row.get("ID")).isEqualTo(oracle.get(i).get("ID"));
            assertThat(row.get("NOTES")).isEqualTo(oracle.get(i).get("NOTES"));
            assertThat((String) row.get("EMAIL")).matches("(u[a-z2-7]{20}@example\\.invalid)?");
            assertThat((String) row.get("NAME")).matches("[a-z2-7]{20}");
        }
        e2e.assertProductionUnchanged(expected);
    }

    @Test
    @DisplayName("A rule on an identifier fails the run in Planning: no stop, no undeploy, no copy Job")
    void refusedRuleFailsBeforeDowntime() throws Exception {
        DataMigration migration = e2e.migration("bad-mask", "Customers");
        migration.getSpec().setMasking(List.of(rule("Customers", "Customer", "Id", MaskingStrategy.Hash)));
        migration.getSpec().setMaskingKeySecret("masking-key");
        e2e.create(migration);

        DataMigrationStatus status = e2e.awaitPhase("bad-mask", Phase.Failed).getStatus();

        assertThat(status.getMessage()).contains("masking rule 1 (Customers/Customer.Id (Hash)): Customers.Customer.Id"
                + " is the entity's identifier: masking it would break its keys and every reference to it");
        assertThat(e2e.sideEffects()).isEmpty();
        assertThat(e2e.jobNames()).containsExactly("bad-mask-plan");
    }
}
