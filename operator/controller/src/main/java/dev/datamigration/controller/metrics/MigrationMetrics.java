package dev.datamigration.controller.metrics;

import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.platform.http.CallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's own meters, with low-cardinality labels only (no migration, app or entity names):
 * {@code datamigration_migrations{phase}} (gauge), {@code datamigration_rows_copied_total},
 * {@code datamigration_phase_duration_seconds{phase}}, {@code datamigration_platform_calls_total{operation,
 * outcome}} (one per client call as the operator sees it) and {@code datamigration_platform_requests_seconds{platform,
 * operation,outcome}} (every HTTP attempt).
 */
public class MigrationMetrics {

    private final MeterRegistry registry;
    /** Phase and since-when of every migration this operator has seen, by uid. */
    private final Map<String, PhaseEntry> phases = new ConcurrentHashMap<>();
    private final Map<Phase, Timer> durations = new EnumMap<>(Phase.class);
    private final Counter rowsCopied;

    private record PhaseEntry(Phase phase, Instant since) {
    }

    public MigrationMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Phase phase : Phase.values()) {
            Gauge.builder("datamigration.migrations", phases,
                            map -> map.values().stream().filter(entry -> entry.phase() == phase).count())
                    .description("DataMigrations by phase")
                    .tag("phase", phase.name())
                    .register(registry);
            durations.put(phase, Timer.builder("datamigration.phase.duration")
                    .description("Time DataMigrations spent in a phase")
                    .tag("phase", phase.name())
                    .register(registry));
        }
        rowsCopied = Counter.builder("datamigration.rows.copied")
                .description("Rows copied by the copy Jobs, counted when each entity's load commits")
                .register(registry);
    }

    /** Records a migration's current phase; a change closes the previous phase's duration. */
    public void phase(String uid, Phase phase, Instant now) {
        PhaseEntry previous = phases.get(uid);
        if (previous != null && previous.phase() == phase) {
            return;
        }
        if (previous != null) {
            durations.get(previous.phase()).record(Duration.between(previous.since(), now));
        }
        phases.put(uid, new PhaseEntry(phase, now));
    }

    /** The migration is gone: it no longer counts in the gauge. */
    public void forget(String uid) {
        phases.remove(uid);
    }

    public void rowsCopied(long delta) {
        if (delta > 0) {
            rowsCopied.increment(delta);
        }
    }

    public void platformCall(String operation, String outcome) {
        Counter.builder("datamigration.platform.calls")
                .description("Platform API calls by operation and outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /**
     * Counts every HTTP attempt the platform clients make ({@code datamigration_platform_requests_total{platform,
     * operation,outcome}}; outcome success, retry or failure) and times them.
     */
    public CallObserver platformRequests() {
        return (platform, operation, outcome, duration) -> Timer.builder("datamigration.platform.requests")
                .description("HTTP attempts of the platform API clients")
                .tag("platform", platform)
                .tag("operation", operation)
                .tag("outcome", outcome.tag())
                .register(registry)
                .record(duration);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
