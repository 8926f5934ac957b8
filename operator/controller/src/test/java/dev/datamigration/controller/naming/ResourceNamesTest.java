package dev.datamigration.controller.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

    @Test
    @DisplayName("Plan and copy Job names follow <dm>-plan and <dm>-<app-slug>")
    void plainNames() {
        assertThat(ResourceNames.planJob("prod-to-qa")).isEqualTo("prod-to-qa-plan");
        assertThat(ResourceNames.copyJob("prod-to-qa", "Orders", List.of("Orders", "Customers")))
                .isEqualTo("prod-to-qa-orders");
        assertThat(ResourceNames.copyJob("prod-to-qa", "Customer Portal (v2)", List.of("Customer Portal (v2)")))
                .isEqualTo("prod-to-qa-customer-portal-v2");
        assertThat(ResourceNames.taskConfigMap("prod-to-qa-orders")).isEqualTo("prod-to-qa-orders-task");
        assertThat(ResourceNames.progressConfigMap("prod-to-qa-orders")).isEqualTo("prod-to-qa-orders-progress");
    }

    @Test
    @DisplayName("Slugs: lower case, one dash per run of other characters, none at the ends")
    void slugs() {
        assertThat(ResourceNames.slug("  Sales__Dashboard--2024!")).isEqualTo("sales-dashboard-2024");
        assertThat(ResourceNames.slug("Ünïcode")).isEqualTo("n-code");
        assertThat(ResourceNames.slug("***")).isEqualTo("app");
    }

    @Test
    @DisplayName("A name longer than 63 characters is cut and gets a hash of the full identity")
    void truncatedWithHash() {
        String migration = "nightly-production-to-quality-assurance-refresh";
        String app = "Customer Relationship Management Backoffice";
        String name = ResourceNames.copyJob(migration, app, List.of(app));
        String hash = ResourceNames.shortHash(migration + "/" + app);
        assertThat(name).hasSize(63)
                .isEqualTo("nightly-production-to-quality-assurance-refresh-customer-" + hash);
        assertThat(ResourceNames.copyJob(migration, app + " Extra", List.of(app + " Extra")))
                .hasSize(63).isNotEqualTo(name);
    }

    @Test
    @DisplayName("Apps whose slugs collide, and an app slugged 'plan', get a hash so Job names stay unique")
    void collisions() {
        List<String> apps = List.of("Order Mgmt", "order-mgmt", "Plan");
        String first = ResourceNames.copyJob("dm", "Order Mgmt", apps);
        String second = ResourceNames.copyJob("dm", "order-mgmt", apps);
        assertThat(first).isEqualTo("dm-order-mgmt-" + ResourceNames.shortHash("dm/Order Mgmt"));
        assertThat(second).isEqualTo("dm-order-mgmt-" + ResourceNames.shortHash("dm/order-mgmt"));
        assertThat(first).isNotEqualTo(second);
        assertThat(ResourceNames.copyJob("dm", "Plan", apps)).isEqualTo("dm-plan-" + ResourceNames.shortHash("dm/Plan"))
                .isNotEqualTo(ResourceNames.planJob("dm"));
    }

    @Test
    @DisplayName("App label values: the name when valid, else slug + hash")
    void labelValues() {
        assertThat(ResourceNames.appLabelValue("Orders")).isEqualTo("Orders");
        assertThat(ResourceNames.appLabelValue("Order_Mgmt.v2")).isEqualTo("Order_Mgmt.v2");
        assertThat(ResourceNames.appLabelValue("Customer Portal"))
                .isEqualTo("customer-portal-" + ResourceNames.shortHash("Customer Portal"));
    }

    @Test
    @DisplayName("Catch-up Jobs (StopAfterCopy) always end with a hash, so no copy Job name can equal one")
    void catchUpJob() {
        String hash = ResourceNames.shortHash("prod-to-qa/Orders/catch-up");
        assertThat(ResourceNames.catchUpJob("prod-to-qa", "Orders"))
                .isEqualTo("prod-to-qa-orders-catchup-" + hash);
        // an app whose copy Job would be named like the catch-up Job of another
        assertThat(ResourceNames.copyJob("prod-to-qa", "Orders catchup", List.of("Orders", "Orders catchup")))
                .isNotEqualTo(ResourceNames.catchUpJob("prod-to-qa", "Orders"));
        String longName = ResourceNames.catchUpJob("m".repeat(60), "Orders");
        assertThat(longName).hasSize(ResourceNames.MAX_JOB_NAME)
                .endsWith("-" + ResourceNames.shortHash("m".repeat(60) + "/Orders/catch-up"));
    }
}
