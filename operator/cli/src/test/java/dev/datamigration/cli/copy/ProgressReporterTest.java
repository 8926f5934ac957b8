package dev.datamigration.cli.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.Progress;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.plan.EntityPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static EntityPlan entity(String name) {
        return new EntityPlan(new EntityKey("m", name), "Sales", "Core", name, "S_" + name, "T_" + name, null, null,
                List.of(), 10);
    }

    @Test
    void writesAtEveryStateChangeAndThrottlesRowCounts() throws Exception {
        List<Progress> written = new ArrayList<>();
        ProgressSink sink = docs -> {
            try {
                written.add(TaskFiles.JSON.readValue(docs.get("progress.json"), Progress.class));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        ManualClock clock = new ManualClock();
        ProgressReporter reporter = new ProgressReporter("Sales", List.of(sink), clock, Duration.ofSeconds(2),
                new PrintStream(new ByteArrayOutputStream()));
        EntityPlan customer = entity("Customer");
        EntityPlan order = entity("Order");
        reporter.appStarted("Sales", List.of(customer, order));
        reporter.entityStarted(customer, 10);
        assertThat(written).hasSize(2);
        clock.now = clock.now.plusMillis(500);
        reporter.rowsCopied(customer, 4);
        assertThat(written).hasSize(2);
        clock.now = clock.now.plusMillis(1600);
        reporter.rowsCopied(customer, 8);
        assertThat(written).hasSize(3);
        assertThat(written.get(2).getEntities().get(0).getCopiedRows()).isEqualTo(8);
        reporter.entityCopied(customer, 10, 30);
        reporter.entityVerified(customer, 10, "ab", 5);
        reporter.entityStarted(order, 3);
        reporter.entityFailed(order, "verification failed for Sales.Order");
        reporter.appFinished("Sales", false, "verification failed for Sales.Order");
        Progress last = written.get(written.size() - 1);
        assertThat(written).hasSize(8);
        assertThat(last.getApp()).isEqualTo("Sales");
        assertThat(last.getState()).isEqualTo(JobState.Failed);
        assertThat(last.getMessage()).isEqualTo("verification failed for Sales.Order");
        assertThat(last.getUpdatedAt()).isEqualTo("2026-01-01T00:00:02.100Z");
        assertThat(last.getEntities()).extracting(e -> e.getName() + " " + e.getState() + " " + e.getCopiedRows()
                + " " + e.getHash() + " " + e.getMs()).containsExactly(
                "Customer " + EntityState.Verified + " 10 ab 35", "Order " + EntityState.Failed + " 0 null null");
    }

    @Test
    void aFailingSinkDoesNotStopTheReport() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ProgressReporter reporter = new ProgressReporter("Sales", List.of(docs -> {
            throw new IllegalStateException("API server unavailable");
        }), Clock.systemUTC(), Duration.ofSeconds(2), new PrintStream(log, true));
        reporter.appStarted("Sales", List.of(entity("Customer")));
        assertThat(log.toString()).contains("warning: progress not written (IllegalStateException: API server"
                + " unavailable)");
        assertThat(reporter.progress().getState()).isEqualTo(JobState.Running);
    }
}
