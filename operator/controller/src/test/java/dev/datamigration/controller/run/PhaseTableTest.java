package dev.datamigration.controller.run;

import static dev.datamigration.controller.status.Conditions.FALSE;
import static dev.datamigration.controller.status.Conditions.TRUE;
import static dev.datamigration.controller.status.Conditions.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PhaseTableTest {

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
        assertThat(PhaseTable.phase(null, with())).isEqualTo(Phase.Pending);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, UNKNOWN))).isEqualTo(Phase.Validating);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, TRUE))).isEqualTo(Phase.Planning);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, UNKNOWN)))
                .isEqualTo(Phase.Planning);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE)))
                .isEqualTo(Phase.Quiescing);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE))).isEqualTo(Phase.Copying);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE, ConditionType.Copied, TRUE))).isEqualTo(Phase.Restoring);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE, ConditionType.Copied, TRUE, ConditionType.Restored, UNKNOWN)))
                .isEqualTo(Phase.Restoring);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE, ConditionType.Copied, TRUE, ConditionType.Restored, TRUE,
                ConditionType.Complete, TRUE))).isEqualTo(Phase.Succeeded);
    }

    @Test
    @DisplayName("A failed step leads to Restoring, and only the outcome condition makes the phase terminal")
    void failureGoesThroughRestoring() {
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, FALSE))).isEqualTo(Phase.Restoring);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, FALSE))).isEqualTo(Phase.Restoring);
        assertThat(PhaseTable.phase(null, with(ConditionType.Validated, FALSE, ConditionType.Restored, TRUE,
                ConditionType.Failed, TRUE))).isEqualTo(Phase.Failed);
        assertThat(PhaseTable.phase(null, with(ConditionType.Copied, FALSE, ConditionType.Restored, TRUE,
                ConditionType.Cancelled, TRUE))).isEqualTo(Phase.Cancelled);
    }

    @Test
    @DisplayName("A terminal phase is never left, whatever the conditions say")
    void terminalIsSticky() {
        assertThat(PhaseTable.phase(Phase.Succeeded, with(ConditionType.Validated, UNKNOWN)))
                .isEqualTo(Phase.Succeeded);
        assertThat(PhaseTable.phase(Phase.Cancelled, with())).isEqualTo(Phase.Cancelled);
        assertThat(PhaseTable.phase(Phase.Copying, with(ConditionType.Validated, UNKNOWN)))
                .isEqualTo(Phase.Validating);
    }

    @Test
    @DisplayName("One step per non-terminal phase, each owning its condition; Pending runs the first step")
    void table() {
        assertThat(PhaseTable.step(Phase.Pending)).isInstanceOf(ValidationStep.class);
        assertThat(PhaseTable.step(Phase.Validating)).isInstanceOf(ValidationStep.class);
        assertThat(PhaseTable.step(Phase.Planning)).isInstanceOf(PlanStep.class);
        assertThat(PhaseTable.step(Phase.Quiescing)).isInstanceOf(QuiesceStep.class);
        assertThat(PhaseTable.step(Phase.Copying)).isInstanceOf(CopyStep.class);
        assertThat(PhaseTable.step(Phase.Restoring)).isInstanceOf(RestoreStep.class);
        assertThat(Stream.of(Phase.Validating, Phase.Planning, Phase.Quiescing, Phase.Copying, Phase.Restoring)
                .map(phase -> PhaseTable.step(phase).condition()))
                .containsExactly(ConditionType.Validated, ConditionType.Planned, ConditionType.Quiesced,
                        ConditionType.Copied, ConditionType.Restored);
        assertThatThrownBy(() -> PhaseTable.step(Phase.Succeeded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phase Succeeded is terminal: no step runs in it");
    }

    @Test
    @DisplayName("The interruption is the first step before Restoring that ended False; a failed restore is not one")
    void interruption() {
        assertThat(PhaseTable.interruption(with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE)))
                .isEmpty();
        assertThat(PhaseTable.interruption(with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, FALSE, ConditionType.Copied, FALSE)).map(Condition::getType))
                .contains("Quiesced");
        assertThat(PhaseTable.interruption(with(ConditionType.Validated, TRUE, ConditionType.Planned, TRUE,
                ConditionType.Quiesced, TRUE, ConditionType.Copied, TRUE, ConditionType.Restored, FALSE)))
                .isEmpty();
    }
}
