package dev.datamigration.engine.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.ConnectionFactory;
import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Masking in flight against the O11 factory (Production to QA on embedded PostgreSQL): the masked attributes' source
 * values appear nowhere in the target, every other column is exactly the oracle's, equal values stay equal (joins on a
 * hashed attribute still match), the same key gives the same values through every load path (one stream, parallel
 * streams on their own target connections, entities at once), another key changes every masked value, verification
 * passes on masked rows and fails on a tampered one, and the plan lists every problem of the rules at once.
 */
class MaskingCopyTest {

    private static final MaskingKey KEY = MaskingKey.of("test masking key, 32 bytes long!".getBytes(
            StandardCharsets.US_ASCII));
    private static final MaskingKey ROTATED = MaskingKey.of("the rotated key, also 32 bytes..".getBytes(
            StandardCharsets.US_ASCII));
    private static final List<MaskRule> RULES = List.of(
            new MaskRule("Customers", "Customer", "Email", MaskStrategy.EMAIL),
            new MaskRule("Customers", "Customers.Customer", "Name", MaskStrategy.HASH),
            new MaskRule("*", "*", "Phone", MaskStrategy.HASH),
            new MaskRule("customers", "customer", "balance", MaskStrategy.DEFAULT),
            new MaskRule("Customers", "Customer", "Notes", MaskStrategy.REDACT),
            new MaskRule("Customers", "LoyaltyAccount", "Points", MaskStrategy.HASH));
    /** Physical columns of Customer masked by RULES, as Rows reads them (upper case). */
    private static final List<String> MASKED = List.of("EMAIL", "NAME", "PHONE", "BALANCE", "NOTES");

    private static O11Factory factory;
    private static FactoryDatabases dbs;
    private static ExpectedOutcome expected;
    private static EntityPlan customer;
    private static EntityPlan loyalty;

    @BeforeAll
    static void createFactory() throws Exception {
        factory = O11Factory.builder().build();
        dbs = factory.createDatabases(EmbeddedPostgres.shared(), "masking");
        expected = factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL);
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            Plan plan = Engine.plan(s, t, factory.apps(), new MaskingSpec(RULES, KEY));
            assertThat(plan.errors()).isEmpty();
            AppPlan customers = plan.app("Customers").orElseThrow();
            assertThat(customers.maskedAttributes()).containsExactly("Customer.Name (Hash)", "Customer.Email (Email)",
                    "Customer.Phone (Hash)", "Customer.Balance (Default)", "Customer.Notes (Redact)",
                    "LoyaltyAccount.Points (Hash)");
            assertThat(plan.app("Catalog").orElseThrow().maskedAttributes()).isEmpty();
            customer = customers.entities().stream().filter(e -> e.name().equals("Customer")).findFirst()
                    .orElseThrow();
            loyalty = customers.entities().stream().filter(e -> e.name().equals("LoyaltyAccount")).findFirst()
                    .orElseThrow();
        }
    }

    @AfterAll
    static void dropFactory() {
        dbs.drop();
    }

    private static CopyOptions options(MaskingKey key) {
        return CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL)
                .withMasking(new MaskingSpec(RULES, key));
    }

    private static void copyCustomers(CopyOptions options, ConnectionFactory sources, ConnectionFactory targets)
            throws SQLException {
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            Engine.copy(CopyRequest.of(s, t, factory.apps(), "Customers").withOptions(options)
                    .withConnections(sources, targets));
        }
    }

    private static List<Map<String, Object>> qa(EntityPlan entity) throws SQLException {
        try (Connection qa = dbs.connectQa()) {
            return Rows.read(qa, entity.targetTable());
        }
    }

    @Test
    void maskedValuesNeverReachTheTargetAndEveryOtherColumnIsExact() throws Exception {
        copyCustomers(options(KEY), ConnectionFactory.NONE, ConnectionFactory.NONE);
        List<Map<String, Object>> oracle = expected.rows(customer.targetTable());
        List<Map<String, Object>> rows = qa(customer);
        assertThat(rows).hasSameSizeAs(oracle);

        Set<Object> sourceValues = new HashSet<>();
        Set<Object> unmaskedValues = new HashSet<>();
        for (Map<String, Object> row : oracle) {
            row.forEach((column, value) -> (MASKED.contains(column) ? sourceValues : unmaskedValues).add(value));
        }
        sourceValues.removeAll(unmaskedValues);
        sourceValues.removeAll(Set.of("", BigDecimal.ZERO.setScale(8)));
        sourceValues.remove(null);
        assertThat(sourceValues).hasSizeGreaterThan(oracle.size() * 3);

        Map<Object, Object> emails = new HashMap<>();
        Map<Object, Object> names = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> want = oracle.get(i);
            Map<String, Object> got = rows.get(i);
            for (String column : want.keySet()) {
                if (!MASKED.contains(column)) {
                    assertThat(got.get(column)).as("%s of row %s", column, want.get("ID")).isEqualTo(want.get(column));
                }
            }
            got.forEach((column, value) -> assertThat(sourceValues).as("%s of row %s", column, got.get("ID"))
                    .doesNotContain(value));
            String email = (String) want.get("EMAIL");
            assertThat((String) got.get("EMAIL")).matches(email.isEmpty() ? "" : "u[a-z2-7]{20}@example\\.invalid");
            assertThat((String) got.get("NAME")).matches("[a-z2-7]{20}");
            assertThat(got.get("BALANCE")).isEqualTo(BigDecimal.ZERO.setScale(8));
            assertThat(got.get("NOTES")).isEqualTo(want.get("NOTES") == null ? null : "REDACTED");
            String phone = (String) want.get("PHONE");
            assertThat((String) got.get("PHONE")).matches(phone == null ? "" : phone.isEmpty() ? "" : "[a-z2-7]{20}");
            assertThat(emails.put(email.toLowerCase(Locale.ROOT), got.get("EMAIL")))
                    .isIn(null, got.get("EMAIL"));
            names.put(want.get("NAME"), got.get("NAME"));
        }
        // Distinct inputs stay distinct.
        assertThat(new HashSet<>(emails.values())).hasSameSizeAs(emails.keySet());
        assertThat(new HashSet<>(names.values())).hasSameSizeAs(names.keySet());

        List<Map<String, Object>> accounts = qa(loyalty);
        List<Map<String, Object>> accountOracle = expected.rows(loyalty.targetTable());
        Set<Object> points = new HashSet<>();
        for (int i = 0; i < accounts.size(); i++) {
            assertThat(accounts.get(i).get("CUSTOMERID")).isEqualTo(accountOracle.get(i).get("CUSTOMERID"));
            assertThat(accounts.get(i).get("POINTS")).isNotEqualTo(accountOracle.get(i).get("POINTS"));
            points.add(accounts.get(i).get("POINTS"));
        }
        assertThat(points).hasSize(new HashSet<>(accountOracle.stream().map(r -> r.get("POINTS")).toList()).size());
    }

    @Test
    void equalValuesStayEqualSoJoinsOnAHashedAttributeStillMatch() throws Exception {
        List<Map<String, Object>> oracle = expected.rows(customer.targetTable());
        Object first = oracle.get(3).get("ID");
        Object second = oracle.get(4).get("ID");
        Object third = oracle.get(5).get("ID");
        try (Connection prod = dbs.connectProduction(); Statement st = prod.createStatement()) {
            st.execute("UPDATE \"" + customer.sourceTable() + "\" SET \"NAME\" = 'Same Name' WHERE \"ID\" IN ("
                    + first + ", " + second + ")");
            st.execute("UPDATE \"" + customer.sourceTable() + "\" SET \"NAME\" = 'same name' WHERE \"ID\" = "
                    + third);
        }
        try {
            copyCustomers(options(KEY), ConnectionFactory.NONE, ConnectionFactory.NONE);
            Map<Object, Map<String, Object>> byId = new HashMap<>();
            qa(customer).forEach(r -> byId.put(r.get("ID"), r));
            assertThat(byId.get(first).get("NAME")).isEqualTo(byId.get(second).get("NAME"));
            assertThat(byId.get(first).get("NAME")).isNotEqualTo(byId.get(third).get("NAME"));
            // The same text hashes alike in any column: a join on it still matches.
            assertThat(new TextHashMasker(KEY).mask("Same Name")).isEqualTo(byId.get(first).get("NAME"));
        } finally {
            try (Connection prod = dbs.connectProduction(); Statement st = prod.createStatement()) {
                for (Object id : List.of(first, second, third)) {
                    Object name = oracle.stream().filter(r -> r.get("ID").equals(id)).findFirst().orElseThrow()
                            .get("NAME");
                    st.execute("UPDATE \"" + customer.sourceTable() + "\" SET \"NAME\" = '" + name
                            + "' WHERE \"ID\" = " + id);
                }
            }
        }
    }

    @Test
    void theSameKeyGivesTheSameValuesOnEveryLoadPathAndAnotherKeyChangesEveryMaskedValue() throws Exception {
        copyCustomers(options(KEY), ConnectionFactory.NONE, ConnectionFactory.NONE);
        List<Map<String, Object>> serial = qa(customer);
        List<Map<String, Object>> serialAccounts = qa(loyalty);

        // Parallel streams on target connections of their own, two entities at once, small batches.
        copyCustomers(options(KEY).withBatchSize(2).withStreams(3).withConcurrentEntities(2),
                dbs::connectProduction, dbs::connectQa);
        assertThat(qa(customer)).isEqualTo(serial);
        assertThat(qa(loyalty)).isEqualTo(serialAccounts);

        copyCustomers(options(ROTATED), ConnectionFactory.NONE, ConnectionFactory.NONE);
        List<Map<String, Object>> rotated = qa(customer);
        for (int i = 0; i < serial.size(); i++) {
            for (String column : List.of("EMAIL", "NAME", "PHONE")) {
                Object before = serial.get(i).get(column);
                if (before != null && !"".equals(before)) {
                    assertThat(rotated.get(i).get(column)).as("%s of row %s", column, serial.get(i).get("ID"))
                            .isNotEqualTo(before);
                }
            }
        }
    }

    @Test
    void verificationPassesOnMaskedRowsAndFailsOnATamperedOne() throws Exception {
        Object id = expected.rows(customer.targetTable()).get(2).get("ID");
        try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
            st.execute("CREATE FUNCTION tamper() RETURNS trigger AS $$ BEGIN IF NEW.\"ID\" = " + id
                    + " THEN NEW.\"EMAIL\" := 'leaked@corp.example.com'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            st.execute("CREATE TRIGGER tamper BEFORE INSERT ON \"" + customer.targetTable()
                    + "\" FOR EACH ROW EXECUTE FUNCTION tamper()");
        }
        try {
            assertThatThrownBy(() -> copyCustomers(options(KEY), ConnectionFactory.NONE, ConnectionFactory.NONE))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("verification failed for Customers.Customer")
                    .hasMessageContaining("column Email")
                    .hasMessageContaining("leaked@corp.example.com");
        } finally {
            try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
                st.execute("DROP TRIGGER tamper ON \"" + customer.targetTable() + "\"");
                st.execute("DROP FUNCTION tamper()");
            }
        }
    }

    @Test
    void thePlanListsEveryProblemOfTheRulesAtOnceAndTheCopyWritesNothing() throws Exception {
        List<MaskRule> bad = List.of(
                new MaskRule("Billing", "Invoice", "Total", MaskStrategy.DEFAULT),
                new MaskRule("Customers", "Client", "Email", MaskStrategy.EMAIL),
                new MaskRule("Customers", "Customer", "Mail", MaskStrategy.EMAIL),
                new MaskRule("Customers", "Customer", "Id", MaskStrategy.HASH),
                new MaskRule("Customers", "Customer", "AccountManagerId", MaskStrategy.DEFAULT),
                new MaskRule("Customers", "Customer", "IsVip", MaskStrategy.HASH),
                new MaskRule("Customers", "Customer", "Balance", MaskStrategy.EMAIL),
                new MaskRule("Customers", "Customer", "Phone", MaskStrategy.EMAIL),
                new MaskRule("Customers", "Customer", "Balance", MaskStrategy.REDACT),
                new MaskRule("Customers", "Customer", "Notes", MaskStrategy.HASH),
                new MaskRule("Customers", "Customer", "Notes", MaskStrategy.REDACT),
                new MaskRule("Customers", "Address", "CountryCode", MaskStrategy.HASH));
        // A NOT NULL column is as mandatory as the metamodel's flag: Redact cannot write NULL into it.
        try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
            st.execute("UPDATE \"" + customer.targetTable() + "\" SET \"BALANCE\" = 0 WHERE \"BALANCE\" IS NULL");
            st.execute("ALTER TABLE \"" + customer.targetTable() + "\" ALTER COLUMN \"BALANCE\" SET NOT NULL");
        }
        try {
            planRefusesEveryBadRule(bad);
        } finally {
            try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
                st.execute("ALTER TABLE \"" + customer.targetTable() + "\" ALTER COLUMN \"BALANCE\" DROP NOT NULL");
            }
        }
    }

    private static void planRefusesEveryBadRule(List<MaskRule> bad) throws Exception {
        List<Map<String, Object>> before = qa(customer);
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            Plan plan = Engine.plan(s, t, factory.apps(), new MaskingSpec(bad, null));
            assertThat(plan.errors()).containsExactly(
                    "masking rules need a masking key: set spec.maskingKeySecret to a Secret whose key `key` holds at"
                            + " least 16 bytes",
                    "masking rule 1 (Billing/Invoice.Total (Default)): application Billing is not one of the"
                            + " migration's applications (Catalog, Customers, Orders)",
                    "masking rule 2 (Customers/Client.Email (Email)): no entity Client in Customers",
                    "masking rule 3 (Customers/Customer.Mail (Email)): no active attribute Mail in"
                            + " Customers.Customer",
                    "masking rule 4 (Customers/Customer.Id (Hash)): Customers.Customer.Id is the entity's identifier:"
                            + " masking it would break its keys and every reference to it",
                    "masking rule 5 (Customers/Customer.AccountManagerId (Default)): Customers.Customer.AccountManagerId"
                            + " is a reference: masking it would break the reference (its ids must stay as they are)",
                    "masking rule 6 (Customers/Customer.IsVip (Hash)): Customers.Customer.IsVip is of type Boolean,"
                            + " where Hash cannot keep distinct values distinct (it masks text, integers and binary"
                            + " data): use Default or Redact",
                    "masking rule 7 (Customers/Customer.Balance (Email)): Customers.Customer.Balance is of type"
                            + " Currency: Email masks text attributes only",
                    "masking rule 8 (Customers/Customer.Phone (Email)): Customers.Customer.Phone holds at most 20"
                            + " characters and Email writes 37: use Hash, Redact or Default",
                    "masking rule 9 (Customers/Customer.Balance (Redact)): Customers.Customer.Balance is mandatory and"
                            + " of type Currency, and Redact writes NULL into attributes other than text: use Default",
                    "masking rules 10 and 11 both mask Customers.Customer.Notes, with different strategies (Hash,"
                            + " Redact): keep one",
                    "masking rule 12 (Customers/Address.CountryCode (Hash)): Customers.Address.CountryCode holds at"
                            + " most 2 characters and Hash writes 20: use Redact or Default");
        }
        CopyOptions options = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL)
                .withMasking(new MaskingSpec(bad, KEY));
        assertThatThrownBy(() -> copyCustomers(options, ConnectionFactory.NONE, ConnectionFactory.NONE))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("the plan has errors: masking rule 1 (Billing/Invoice.Total (Default))")
                .satisfies(e -> assertThat(((MigrationException) e).permanent()).isTrue());
        assertThat(qa(customer)).isEqualTo(before);
    }

    @Test
    void aMostSpecificRuleWinsOverAWildcard() throws Exception {
        List<MaskRule> rules = List.of(new MaskRule("*", "*", "Email", MaskStrategy.EMAIL),
                new MaskRule("Customers", "Customer", "Email", MaskStrategy.REDACT));
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            Plan plan = Engine.plan(s, t, factory.apps(), new MaskingSpec(rules, KEY));
            assertThat(plan.errors()).isEmpty();
            List<String> masked = plan.apps().stream().flatMap(a -> a.maskedAttributes().stream()).toList();
            assertThat(masked).containsExactly("Customer.Email (Redact)");
            ColumnPlan email = plan.entity(customer.key()).orElseThrow().columns().stream()
                    .filter(c -> c.attribute().equals("Email")).findFirst().orElseThrow();
            assertThat(Objects.requireNonNull(email.mask()).mask("a@b.c")).isEqualTo("REDACTED");
        }
    }
}
