package dev.datamigration.controller.run;

import dev.datamigration.controller.OperatorSettings;
import dev.datamigration.controller.events.EventRecorder;
import dev.datamigration.controller.metrics.MigrationMetrics;
import dev.datamigration.controller.platform.PlatformSession;
import dev.datamigration.controller.validation.EnvironmentValidator;

/**
 * What the steps work with besides the run itself: the status writer, this reconcile's Jobs and platform clients,
 * the checks, events, metrics, and the operator's settings and retry counters.
 */
public record RunServices(StatusWriter status, JobControl jobs, PlatformSession platform,
        EnvironmentValidator validator, EventRecorder events, MigrationMetrics metrics, OperatorSettings settings,
        PlatformRetries retries) {
}
