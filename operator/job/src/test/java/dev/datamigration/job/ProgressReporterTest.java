package dev.datamigration.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.SyncStats;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.sync.SyncCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Collects every progress.json written. */
    private static final class Written implements ProgressSink {
        final List<Progress> docs = new ArrayList<>();

        @Override
        public void write(Map<String, String> documents) {
            try {
                docs.add(TaskFiles.JSON.readValue(documents.get("progress.json"), Progress.class));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The last document's entities as "name state copiedRows". */
        List<String> last() {
            return docs.get(docs.size() - 1).getEntities().stream()
                    .map(e -> e.getName() + " " + e.getState() + " " + e.getCopiedRows()).toList();
        }
    }

    private static ProgressReporter reporter(Written sink, Clock clock) {
        return new ProgressReporter("Sales", List.of(sink), clock, Duration.ofSeconds(2),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void aSyncedEntityCarriesItsSyncCounts() {
        Written sink = new Written();
        ProgressReporter reporter = reporter(sink, new ManualClock());
        EntityPlan customer = entity("Customer");
        reporter.appStarted("Sales", List.of(customer));
        reporter.entityStarted(customer, 10);
        reporter.entitySynced(customer, new SyncCounts(33, 2, 1, 3, 4));
        reporter.entityCopied(customer, 10, 30);
        assertThat(sink.docs.get(sink.docs.size() - 1).getEntities().get(0).getSync())
                .isEqualTo(new SyncStats(33, 2, 1, 3, 4));
    }

    @Test
    void aLoadThatFailsAfterPartialProgressEndsWithNoRows() {
        Written sink = new Written();
        ManualClock clock = new ManualClock();
        ProgressReporter reporter = reporter(sink, clock);
        EntityPlan customer = entity("Customer");
        EntityPlan eventLog = entity("EventLog");
        reporter.appStarted("Sales", List.of(customer, eventLog));
        reporter.entityStarted(customer, 5);
        reporter.entityCopied(customer, 5, 10);
        reporter.entityVerified(customer, 5, "ab", 2);
        reporter.entityStarted(eventLog, 300_000);
        clock.now = clock.now.plusSeconds(3);
        reporter.rowsCopied(eventLog, 250_000);
        // while loading, the live count is there for the Copying entity
        assertThat(sink.last()).containsExactly("Customer Verified 5", "EventLog Copying 250000");
        reporter.entityFailed(eventLog, "ERROR: row 250001 refused by a QA trigger");
        reporter.appFinished("Sales", false, "ERROR: row 250001 refused by a QA trigger");
        assertThat(sink.last()).containsExactly("Customer Verified 5", "EventLog Failed 0");
        assertThat(sink.docs.get(sink.docs.size() - 1).getEntities().get(1).getMessage())
                .isEqualTo("ERROR: row 250001 refused by a QA trigger");
    }

    @Test
    void aFailedVerificationKeepsTheRowsItsLoadCommitted() {
        Written sink = new Written();
        ProgressReporter reporter = reporter(sink, new ManualClock());
        EntityPlan order = entity("Order");
        reporter.appStarted("Sales", List.of(order));
        reporter.entityStarted(order, 12);
        reporter.rowsCopied(order, 12);
        reporter.entityCopied(order, 12, 40);
        reporter.entityFailed(order, "verification failed for Sales.Order");
        assertThat(sink.last()).containsExactly("Order Failed 12");
    }

    @Test
    void loadsStoppedWhenTheAppFailsGoBackToPendingWithNoRows() {
        Written sink = new Written();
        ManualClock clock = new ManualClock();
        ProgressReporter reporter = reporter(sink, clock);
        EntityPlan customer = entity("Customer");
        EntityPlan order = entity("Order");
        EntityPlan note = entity("Note");
        reporter.appStarted("Sales", List.of(customer, order, note));
        reporter.entityStarted(customer, 10);
        reporter.entityStarted(order, 10);
        clock.now = clock.now.plusSeconds(3);
        reporter.rowsCopied(customer, 6);
        clock.now = clock.now.plusSeconds(3);
        reporter.rowsCopied(order, 4);
        assertThat(sink.last()).containsExactly("Customer Copying 6", "Order Copying 4", "Note Pending null");
        reporter.entityFailed(order, "ERROR: refused by a QA trigger");
        reporter.appFinished("Sales", false, "ERROR: refused by a QA trigger");
        assertThat(sink.last()).containsExactly("Customer Pending 0", "Order Failed 0", "Note Pending null");
    }

    @Test
    void aFailureOutsideTheEngineAlsoTakesBackTheRunningLoad() {
        Written sink = new Written();
        ManualClock clock = new ManualClock();
        ProgressReporter reporter = reporter(sink, clock);
        EntityPlan customer = entity("Customer");
        reporter.appStarted("Sales", List.of(customer));
        reporter.entityStarted(customer, 10);
        clock.now = clock.now.plusSeconds(3);
        reporter.rowsCopied(customer, 7);
        reporter.failed("connection lost");
        assertThat(sink.last()).containsExactly("Customer Pending 0");
        assertThat(sink.docs.get(sink.docs.size() - 1).getState()).isEqualTo(JobState.Failed);
    }

    @Test
    void aResumedJobReportsTheEntitiesEarlierAttemptsCommittedAndReloadsTheRest() {
        Written sink = new Written();
        ManualClock clock = new ManualClock();
        ProgressReporter reporter = reporter(sink, clock);
        EntityPlan customer = entity("Customer");
        EntityPlan order = entity("Order");
        EntityPlan note = entity("Note");
        reporter.appStarted("Sales", List.of(customer, order, note));
        assertThat(sink.last()).containsExactly("Customer Pending null", "Order Pending null", "Note Pending null");
        // from the checkpoint: Customer verified, Order loaded and committed but not verified yet
        reporter.entityVerified(customer, 10, "ab", 0);
        reporter.entityCopied(order, 3, 0);
        assertThat(sink.last()).containsExactly("Customer Verified 10", "Order Copied 3", "Note Pending null");
        reporter.entityStarted(note, 8);
        clock.now = clock.now.plusSeconds(3);
        reporter.rowsCopied(note, 4);
        assertThat(sink.last()).containsExactly("Customer Verified 10", "Order Copied 3", "Note Copying 4");
        reporter.entityVerified(order, 3, "cd", 5);
        reporter.entityCopied(note, 8, 20);
        reporter.entityVerified(note, 8, "ef", 5);
        reporter.appFinished("Sales", true, null);
        assertThat(sink.last()).containsExactly("Customer Verified 10", "Order Verified 3", "Note Verified 8");
        assertThat(sink.docs.get(sink.docs.size() - 1).getEntities()).extracting(e -> e.getMs())
                .containsExactly(0L, 5L, 25L);
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
