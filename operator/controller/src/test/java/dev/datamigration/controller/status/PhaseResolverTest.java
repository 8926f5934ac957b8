package dev.datamigration.controller.status;

import static dev.datamigration.controller.status.Conditions.FALSE;
import static dev.datamigration.controller.status.Conditions.TRUE;
import static dev.datamigration.controller.status.Conditions.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.Phase;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PhaseResolverTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static Conditions with(Object... typeStatus) {
        Conditions conditions = new Conditions();
        for (int i = 0; i < typeStatus.length; i += 2) {
            conditions.set((ConditionType) typeStatus[i], (String) typeStatus[i + 1], "R", "m", 1, NOW);
        }
        return conditions;
    }

    @Test
    @DisplayName("Each step's condition maps to its phase: Unknown = running, True = next phase, False = Restoring")
    void lifecycle() {
        assertThat(PhaseResolver.resolve(null, with())).isEqualTo(Phase.Pending);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, UNKNOWN))).isEqualTo(Phase.Validating);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, TRUE))).isEqualTo(Phase.Planning);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, UNKNOWN)))
                .isEqualTo(Phase.Planning);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE)))
                .isEqualTo(Phase.Quiescing);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE))).isEqualTo(Phase.Copying);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE, ConditionType.Copied, TRUE))).isEqualTo(Phase.Restoring);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE, ConditionType.Copied, TRUE, ConditionType.Restored, UNKNOWN)))
                .isEqualTo(Phase.Restoring);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE, ConditionType.Copied, TRUE, ConditionType.Restored, TRUE,
                ConditionType.Complete, TRUE))).isEqualTo(Phase.Succeeded);
    }

    @Test
    @DisplayName("A failed step leads to Restoring, and only the outcome condition makes the phase terminal")
    void failureGoesThroughRestoring() {
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, FALSE))).isEqualTo(Phase.Restoring);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, FALSE))).isEqualTo(Phase.Restoring);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Validated, FALSE, ConditionType.Restored, TRUE,
                ConditionType.Failed, TRUE))).isEqualTo(Phase.Failed);
        assertThat(PhaseResolver.resolve(null, with(ConditionType.Copied, FALSE, ConditionType.Restored, TRUE,
                ConditionType.Cancelled, TRUE))).isEqualTo(Phase.Cancelled);
    }

    @Test
    @DisplayName("A terminal phase is never left, whatever the conditions say")
    void terminalIsSticky() {
        assertThat(PhaseResolver.resolve(Phase.Succeeded, with(ConditionType.Validated, UNKNOWN)))
                .isEqualTo(Phase.Succeeded);
        assertThat(PhaseResolver.resolve(Phase.Cancelled, with())).isEqualTo(Phase.Cancelled);
        assertThat(PhaseResolver.resolve(Phase.Copying, with(ConditionType.Validated, UNKNOWN)))
                .isEqualTo(Phase.Validating);
    }
}
