package dev.datamigration.engine.odc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.mask.MaskingSpec;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.data.FactoryModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan of an O11 to ODC copy refuses, before anything is written, every model mismatch and every ODC data limit,
 * all in one plan result with exact messages; the stage is left exactly as it was, and a copy of such a plan writes
 * nothing either.
 */
class OdcPlanChecksTest {

    @Test
    void everyModelMismatchIsListedAtOnceAndNothingIsWritten() throws Exception {
        try (OdcStageRig rig = new OdcStageRig(true)) {
            FactoryModel m = rig.factory.model();
            String supplier = rig.stage.table(m.supplier);
            String category = rig.stage.table(m.category);
            String product = rig.stage.table(m.product);
            String promotion = rig.stage.table(m.promotion);
            String route = rig.stage.table(m.route);
            String address = rig.stage.table(m.address);
            String customer = rig.stage.table(m.customer);
            String loyalty = rig.stage.table(m.loyaltyAccount);
            String carrier = rig.stage.table(m.carrier);
            String orderLine = rig.stage.table(m.orderLine);
            exec(rig.target(), "ALTER TABLE " + product + " ALTER COLUMN price TYPE numeric(18,2)",
                    "ALTER TABLE " + product + " ALTER COLUMN createdby TYPE integer USING NULL",
                    "ALTER TABLE " + product + " ALTER COLUMN isfeatured TYPE integer USING 0",
                    "ALTER TABLE " + orderLine + " ALTER COLUMN orderid TYPE integer",
                    "UPDATE " + promotion + " SET title = 'Old'",
                    "ALTER TABLE " + promotion + " ALTER COLUMN title TYPE varchar(10)",
                    "ALTER TABLE " + promotion + " ALTER COLUMN validuntil TYPE time USING time '00:00'",
                    "ALTER TABLE " + category + " ALTER COLUMN sortorder SET NOT NULL",
                    "ALTER TABLE " + route + " ADD COLUMN extra integer NOT NULL",
                    "ALTER TABLE " + route + " ADD COLUMN note text NOT NULL DEFAULT ''",
                    "ALTER TABLE " + carrier + " DROP COLUMN name",
                    "ALTER TABLE " + address + " DROP CONSTRAINT " + address + "_customerid_fkey",
                    "ALTER TABLE " + address + " ADD FOREIGN KEY (customerid) REFERENCES " + loyalty);
            String yaml = rig.stage.mappingYaml()
                    .replace("table: " + supplier, "table: suppl_missing")
                    .replaceAll("      - entity: Catalog\\.Currency\\n        table: [a-z0-9_]+\\n", "");
            Map<String, Long> before = stageCounts(rig);
            Plan plan;
            try (Connection s = rig.source(); Connection t = rig.target()) {
                plan = Engine.planOdc(s, t, rig.factory.apps(), MaskingSpec.NONE, OdcMappingParser.parse(yaml));
            }
            assertThat(plan.errors()).containsExactlyInAnyOrder(
                    "Catalog.Supplier: table suppl_missing does not exist in the stage (schema public)",
                    "app Catalog: O11 entity Catalog.Currency has no mapping",
                    "Catalog.Category.SortOrder: optional in O11 but NOT NULL in ODC (column sortorder of "
                            + category + ")",
                    "Catalog.Promotion.Title: O11 Text(200) does not fit ODC character varying(10) (column title of "
                            + promotion + ")",
                    "Catalog.Promotion.ValidUntil: O11 Date does not fit ODC time without time zone (column"
                            + " validuntil of " + promotion + ")",
                    "Catalog.Product.Price: O11 Currency(37,8) does not fit ODC numeric(18,2) (column price of "
                            + product + ")",
                    "Catalog.Product.CurrencyCode: ODC has a foreign key from column currencycode of " + product
                            + " to " + rig.stage.table(m.currency) + ", but Catalog.Currency has no mapping",
                    "Customers.Address.CustomerId: ODC foreign key from column customerid of " + address
                            + " points at " + loyalty + ", but the referenced Customers.Customer is mapped to "
                            + customer,
                    "Catalog.Product.IsFeatured: O11 Boolean does not fit ODC integer (column isfeatured of "
                            + product + ")",
                    "Catalog.Product.CreatedBy: O11 user reference (ODC user key, text) does not fit ODC integer"
                            + " (column createdby of " + product + ")",
                    "Orders.OrderLine.OrderId: O11 reference to Orders.Order (Long Integer) does not fit ODC integer"
                            + " (column orderid of " + orderLine + ")",
                    "Orders.Route: ODC-only column extra (integer) of " + route + " is NOT NULL without a default:"
                            + " the copy cannot fill it",
                    "Orders.Carrier.Name (Text(100)): column name is missing in table " + carrier);
            assertThat(plan.apps()).isEmpty();
            assertThat(stageCounts(rig)).isEqualTo(before);

            try (Connection s = rig.source(); Connection t = rig.target()) {
                assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, rig.factory.apps(), "Catalog")
                        .withOdcMapping(OdcMappingParser.parse(yaml)).withOdcUserKeys(rig.userKeys())))
                        .isInstanceOf(MigrationException.class)
                        .hasMessageStartingWith("the plan has errors: Catalog.Supplier: table suppl_missing does not"
                                + " exist in the stage (schema public)");
            }
            assertThat(stageCounts(rig)).isEqualTo(before);
        }
    }

    @Test
    void anActiveStaticRecordWithoutAnOdcRowOfTheSameLabelIsAPlanError() throws Exception {
        try (OdcStageRig rig = new OdcStageRig(true)) {
            String statuses = rig.stage.table(rig.factory.model().productStatus);
            exec(rig.target(), "DELETE FROM " + statuses + " WHERE label = 'Pre-order'");
            Plan plan;
            try (Connection s = rig.source(); Connection t = rig.target()) {
                plan = Engine.planOdc(s, t, List.of("Catalog"), MaskingSpec.NONE, rig.mapping());
            }
            assertThat(plan.errors()).containsExactly("Catalog.ProductStatus record Preorder (O11 id 13, label"
                    + " 'Pre-order') is active but " + statuses + " has no row with that label");
        }
    }

    @Test
    void unknownAppsAndEntitiesOfTheMappingAreListedAtOnce() throws Exception {
        try (OdcStageRig rig = new OdcStageRig(true)) {
            String yaml = rig.stage.mappingYaml() + "  - app: Nope\n    entities:\n      - entity: Nope.Thing\n"
                    + "        table: thing_x\n";
            yaml = yaml.replace("entity: Catalog.Promotion", "entity: Catalog.Promo");
            Plan plan;
            try (Connection s = rig.source(); Connection t = rig.target()) {
                plan = Engine.planOdc(s, t, List.of("Catalog"), MaskingSpec.NONE, OdcMappingParser.parse(yaml));
            }
            assertThat(plan.errors()).containsExactly(
                    "app Catalog: entity Catalog.Promo is not an active entity of the app's modules",
                    "app Catalog: O11 entity Catalog.Promotion has no mapping",
                    "mapping app Nope: no active O11 application of that name in the source");
        }
    }

    @Test
    void everyOdcDataLimitIsListedWithRowIdsAndNothingIsWritten() throws Exception {
        try (OdcStageRig rig = new OdcStageRig(false)) {
            FactoryModel m = rig.factory.model();
            String product = quoted(m.product.tableName(dev.datamigration.fixtures.o11.model.Side.PRODUCTION));
            String order = quoted(m.order.tableName(dev.datamigration.fixtures.o11.model.Side.PRODUCTION));
            String customer = quoted(m.customer.tableName(dev.datamigration.fixtures.o11.model.Side.PRODUCTION));
            exec(rig.source(),
                    "UPDATE " + product + " SET \"IMAGE\" = decode(repeat('00', 20971521), 'hex') WHERE \"ID\" = 5",
                    "UPDATE " + product + " SET \"DESCRIPTION\" = repeat('a', 100000001) WHERE \"ID\" = 6",
                    "UPDATE " + order + " SET \"ORDEREDON\" = TIMESTAMP '1899-12-31 23:59:59' WHERE \"ID\" = 3",
                    "UPDATE " + order + " SET \"CLOSEDAT\" = TIMESTAMP '3001-01-01 00:00:00' WHERE \"ID\" = 4",
                    "UPDATE " + customer + " SET \"BIRTHDATE\" = TIMESTAMP '3000-12-31 00:00:00' WHERE \"ID\" = 9");
            Map<String, Long> before = stageCounts(rig);
            Plan plan;
            try (Connection s = rig.source(); Connection t = rig.target()) {
                plan = Engine.planOdc(s, t, rig.factory.apps(), MaskingSpec.NONE, rig.mapping());
            }
            assertThat(plan.errors()).containsExactlyInAnyOrder(
                    "Catalog.ProductStatus: static entity with an auto-number identifier (Id): ODC cannot migrate it;"
                            + " turn Is AutoNumber off in O11 first",
                    "Customers.CitySize: static entity with an auto-number identifier (Id): ODC cannot migrate it;"
                            + " turn Is AutoNumber off in O11 first",
                    "Catalog.Product.Description: text over 100,000,000 characters in 1 row(s): Id=6 (100000001"
                            + " characters)",
                    "Catalog.Product.Image: binary values over 20 MB (20971520 bytes) in 1 row(s): Id=5 (20971521"
                            + " bytes)",
                    "Customers.LoyaltyAccount: multi-tenant entity with rows in tenants other than the default tenant"
                            + " Users: Acme (10 rows), Globex (10 rows); ODC has no tenants: move or delete them in O11"
                            + " first",
                    "Orders.Order.OrderedOn: Date Time values outside ODC's range 1900-01-01 to 3000-12-31 in 1"
                            + " row(s): Id=3 (1899-12-31 23:59:59)",
                    "Orders.Order.ClosedAt: Date Time values outside ODC's range 1900-01-01 to 3000-12-31 in 1"
                            + " row(s): Id=4 (3001-01-01 00:00:00)");
            assertThat(stageCounts(rig)).isEqualTo(before);
        }
    }

    private static String quoted(String table) {
        return "\"" + table + "\"";
    }

    private static void exec(Connection connection, String... statements) throws SQLException {
        try (connection; Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static Map<String, Long> stageCounts(OdcStageRig rig) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection t = rig.target()) {
            for (String table : rig.stage.tables().values()) {
                counts.put(table, Rows.count(t, table));
            }
            counts.put("promotion 500", Rows.read(t, rig.stage.table(rig.factory.model().promotion)).stream()
                    .filter(r -> Long.valueOf(500).equals(r.get("ID"))).count());
        }
        return counts;
    }
}
