package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.Phase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The closing report, line by line. */
class SummaryTest {

    private static final List<PlatformStep> STEPS = List.of(
            new PlatformStep("PUT", "/environments/Production/maintenancemode", "on", "stop Production", 1),
            new PlatformStep("PUT", "/environments/QA/maintenancemode", "on", "undeploy: take QA's apps offline", 2),
            new PlatformStep("PUT", "/environments/QA/maintenancemode", "off", "redeploy: bring QA's apps back", 2));

    @Test
    void listsEveryEntityWithCountsVerificationAndTimeThenTotalsPlatformCallsAndPhase() {
        Map<String, Long> inQa = Map.of("Catalog/Category", 4800L, "Catalog/Product", 16000L,
                "Customers/Customer", 12000L);

        List<String> lines = new Summary(Style.plain()).render(Samples.succeeded(), inQa, STEPS, 17);

        assertThat(lines).containsExactly(
                "Summary: prod-to-qa Production -> QA in 58s",
                "",
                "  App        Entity      Source rows  Copied rows   In QA  Verified  Hash           Time",
                "  Catalog    Category          4,800        4,800   4,800  yes       02653a0e819b   2.9s",
                "             Product          16,000       16,000  16,000  yes       c0e0268c0ec2  16.5s",
                "  Customers  Customer         12,000       12,000  12,000  yes       3ab5881a9374   4.2s",
                "  " + "-".repeat(86),
                "  Total      3 entities       32,800       32,800  32,800  3/3                     23.6s",
                "",
                "Platform calls (in order, as the simulator received them; 17 read-only calls not listed)",
                "  1.  PUT /environments/Production/maintenancemode  on       stop Production",
                "  2.  PUT /environments/QA/maintenancemode          on   x2  undeploy: take QA's apps offline",
                "  3.  PUT /environments/QA/maintenancemode          off  x2  redeploy: bring QA's apps back",
                "",
                "Final phase: Succeeded");
    }

    @Test
    void aFailedRunShowsWhichEntitiesWereNotVerifiedAndWhy() {
        MigrationSnapshot failed = new MigrationSnapshot("prod-to-qa", "Production", "QA", Phase.Failed, List.of(
                new AppSnapshot("Customers", AppPhase.Failed, 1, 2, List.of(
                        Samples.entity("Customer", EntityState.Verified, 12000L, 12000L, "3ab5881a9374aaaa", 4200L),
                        Samples.entity("Address", EntityState.Failed, 16000L, 6500L, null, 900L)),
                        "verification failed for Customers.Address")),
                18500L, 28000L, "31s", "Copy failed for Customers: verification failed for Customers.Address");

        List<String> lines = new Summary(Style.plain()).render(failed, Map.of("Customers/Customer", 12000L,
                "Customers/Address", 0L), List.of(), 3);

        assertThat(lines).containsExactly(
                "Summary: prod-to-qa Production -> QA in 31s",
                "",
                "  App        Entity      Source rows  Copied rows   In QA  Verified     Hash          Time",
                "  Customers  Customer         12,000       12,000  12,000  yes          3ab5881a9374  4.2s",
                "             Address          16,000        6,500       0  no (Failed)  -             0.9s",
                "  " + "-".repeat(88),
                "  Total      2 entities       28,000       18,500  12,000  1/2                        5.1s",
                "",
                "Platform calls (in order, as the simulator received them; 3 read-only calls not listed)",
                "  none",
                "",
                "Final phase: Failed - Copy failed for Customers: verification failed for Customers.Address");
    }

    @Test
    void coloursMarkVerifiedGreenAndMismatchesRed() {
        Map<String, Long> inQa = Map.of("Catalog/Category", 4800L, "Catalog/Product", 15999L,
                "Customers/Customer", 12000L);

        List<String> lines = new Summary(Style.terminal(true)).render(Samples.succeeded(), inQa, STEPS, 17);

        assertThat(lines.get(3)).contains("\u001b[32myes\u001b[0m");
        assertThat(lines.get(4)).contains("  \u001b[31m15,999\u001b[0m  ");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Final phase: \u001b[1m\u001b[32mSucceeded\u001b[0m\u001b[0m");
    }
}
