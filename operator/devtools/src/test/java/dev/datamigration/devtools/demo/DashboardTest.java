package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live frame, character by character, for known states. */
class DashboardTest {

    @Test
    void rendersPhasesAppBarsRowsRateAndElapsedInPlainAscii() {
        List<String> lines = new Dashboard(Style.plain()).render(Samples.copying(), Duration.ofSeconds(42), 2558);

        assertThat(lines).containsExactly(
                "prod-to-qa  Production -> QA" + " ".repeat(38) + "elapsed 0:42",
                "  Validating ok  Planning ok  Quiescing ok  [Copying]  Restoring",
                "  Catalog    " + "#".repeat(24) + "  2/2  done, 20,800 rows",
                "  Customers  " + "#".repeat(8) + ".".repeat(16) + "  1/3  Address 6,500/16,000",
                "  Orders     " + ".".repeat(24) + "  0/6  waiting",
                "  rows 39,300 of 166,805 copied  |  2,558 rows/s",
                "  Wave 0: 2 Jobs running, 1 of 3 apps copied");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Dashboard.WIDTH));
    }

    @Test
    void aTerminalGetsBlockCharactersAndColours() {
        List<String> lines = new Dashboard(Style.terminal(true)).render(Samples.copying(), Duration.ofSeconds(42),
                2558);

        assertThat(lines.get(0)).isEqualTo("\u001b[1mprod-to-qa\u001b[0m  Production \u2192 QA" + " ".repeat(39)
                + "elapsed 0:42");
        assertThat(lines.get(1)).isEqualTo("  Validating \u001b[32m\u2713\u001b[0m  Planning \u001b[32m\u2713\u001b[0m"
                + "  Quiescing \u001b[32m\u2713\u001b[0m  \u001b[1m\u001b[36m[Copying]\u001b[0m\u001b[0m"
                + "  \u001b[2mRestoring\u001b[0m");
        assertThat(lines.get(2)).isEqualTo("  Catalog    \u001b[32m" + "\u2588".repeat(24) + "\u001b[0m  2/2  "
                + "\u001b[32mdone, 20,800 rows\u001b[0m");
        assertThat(lines.get(3)).isEqualTo("  Customers  \u001b[32m" + "\u2588".repeat(8) + "\u001b[0m\u001b[2m"
                + "\u2591".repeat(16) + "\u001b[0m  1/3  Address 6,500/16,000");
    }

    @Test
    void withoutColourATerminalStillGetsBlockCharactersButNoEscapeCodes() {
        List<String> lines = new Dashboard(Style.terminal(false)).render(Samples.copying(), Duration.ofSeconds(42),
                0);

        assertThat(lines.get(3)).isEqualTo("  Customers  " + "\u2588".repeat(8) + "\u2591".repeat(16)
                + "  1/3  Address 6,500/16,000");
        assertThat(String.join("\n", lines)).doesNotContain("\u001b");
    }

    @Test
    void beforePlanningAllAppsWaitAndTheEndShowsTheTerminalPhase() {
        MigrationSnapshot pending = new MigrationSnapshot("prod-to-qa", "Production", "QA", Phase.Pending,
                List.of(new AppSnapshot("Catalog", AppPhase.Pending, 0, 0, List.of(), null)), 0, null, null, null);
        MigrationSnapshot done = Samples.succeeded();

        assertThat(new Dashboard(Style.plain()).render(pending, Duration.ofSeconds(3), 0)).containsExactly(
                "prod-to-qa  Production -> QA" + " ".repeat(38) + "elapsed 0:03",
                "  [Pending]  Validating  Planning  Quiescing  Copying  Restoring",
                "  Catalog  " + ".".repeat(24) + "  0/0  waiting",
                "  rows 0 copied  |  0 rows/s");
        assertThat(new Dashboard(Style.plain()).render(done, Duration.ofSeconds(65), 0).get(1))
                .isEqualTo("  Validating ok  Planning ok  Quiescing ok  Copying ok  Restoring ok  Succeeded");
    }

    @Test
    void betweenEntitiesTheNextOneIsNamedAndAJobWithoutProgressYetIsStarting() {
        MigrationSnapshot snapshot = new MigrationSnapshot("prod-to-qa", "Production", "QA", Phase.Copying, List.of(
                new AppSnapshot("Catalog", AppPhase.Running, 0, 2, List.of(), null),
                new AppSnapshot("Customers", AppPhase.Running, 1, 2, List.of(
                        Samples.entity("Customer", EntityState.Verified, 12000L, 12000L, "3ab5881a9374aaaa", 4200L),
                        Samples.entity("Address", EntityState.Pending, null, null, null, null)), null),
                new AppSnapshot("Orders", AppPhase.Running, 1, 1, List.of(
                        Samples.entity("Order", EntityState.Verified, 50L, 50L, "57057da1d59a0000", 200L)), null)),
                12050, 40000L, "20s", null);

        List<String> lines = new Dashboard(Style.plain()).render(snapshot, Duration.ofSeconds(20), 0);

        assertThat(lines.subList(2, 5)).containsExactly(
                "  Catalog    " + ".".repeat(24) + "  0/2  starting",
                "  Customers  " + "#".repeat(12) + ".".repeat(12) + "  1/2  Address next",
                "  Orders     " + "#".repeat(24) + "  1/1  finishing");
    }

    @Test
    void aFailedAppShowsItsMessageCutToTheLineWidth() {
        String why = "verification failed for Customers.Address: source 3f00aa rows 16000, target 3e11bb rows 15999";
        MigrationSnapshot failed = new MigrationSnapshot("prod-to-qa", "Production", "QA", Phase.Failed,
                List.of(new AppSnapshot("Customers", AppPhase.Failed, 1, 3, List.of(), why)), 12000, 28000L, "30s",
                null);

        List<String> lines = new Dashboard(Style.plain()).render(failed, Duration.ofSeconds(31), 0);

        assertThat(lines.get(1)).isEqualTo("  Validating  Planning  Quiescing  Copying  Restoring  Failed");
        assertThat(lines.get(2)).isEqualTo("  Customers  " + "#".repeat(8) + ".".repeat(16)
                + "  1/3  Failed: verification failed for...");
        assertThat(lines.get(2)).hasSize(Dashboard.WIDTH);
    }
}
