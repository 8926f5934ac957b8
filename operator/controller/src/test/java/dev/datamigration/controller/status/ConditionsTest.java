package dev.datamigration.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.750Z");
    private static final Instant T1 = T0.plus(Duration.ofMinutes(5));

    @Test
    @DisplayName("lastTransitionTime changes only when the status flips; message and generation update in place")
    void transitionTimeCarried() {
        Conditions conditions = new Conditions();
        conditions.set(ConditionType.Copied, Conditions.UNKNOWN, "CopyJobsRunning", "1 of 3", 1, T0);
        conditions.set(ConditionType.Copied, Conditions.UNKNOWN, "CopyJobsRunning", "2 of 3", 2, T1);
        assertThat(conditions.toList()).containsExactly(new ConditionBuilder().withType("Copied").withStatus("Unknown")
                .withReason("CopyJobsRunning").withMessage("2 of 3").withObservedGeneration(2L)
                .withLastTransitionTime("2026-03-01T10:00:00Z").build());

        conditions.set(ConditionType.Copied, Conditions.TRUE, "Copied", "3 of 3", 2, T1);
        assertThat(conditions.get(ConditionType.Copied).orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-03-01T10:05:00Z");
    }

    @Test
    @DisplayName("Rebuilt from the written list: lifecycle order, unknown types dropped, same facts = same list")
    void roundTrip() {
        List<Condition> written = List.of(
                new ConditionBuilder().withType("Planned").withStatus("True").withReason("Planned").withMessage("ok")
                        .withObservedGeneration(1L).withLastTransitionTime("2026-03-01T09:00:00Z").build(),
                new ConditionBuilder().withType("Foreign").withStatus("True").build(),
                new ConditionBuilder().withType("Validated").withStatus("True").withReason("Valid").withMessage("ok")
                        .withObservedGeneration(1L).withLastTransitionTime("2026-03-01T08:00:00Z").build());
        Conditions conditions = Conditions.of(written);
        conditions.set(ConditionType.Planned, Conditions.TRUE, "Planned", "ok", 1, T1);
        assertThat(conditions.toList()).extracting(Condition::getType, Condition::getLastTransitionTime)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "2026-03-01T08:00:00Z"),
                        org.assertj.core.groups.Tuple.tuple("Planned", "2026-03-01T09:00:00Z"));
    }
}
