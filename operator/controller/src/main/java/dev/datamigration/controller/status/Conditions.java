package dev.datamigration.controller.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conditions of one DataMigration while a reconcile rebuilds them. {@code lastTransitionTime} changes only
 * when a condition's status flips, so rewriting the same facts produces the same list (no status churn). The list
 * is kept in lifecycle order.
 */
public final class Conditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private final Map<ConditionType, Condition> byType = new EnumMap<>(ConditionType.class);

    /** Starts from the conditions last written; types this operator does not know are dropped. */
    public static Conditions of(List<Condition> existing) {
        Conditions conditions = new Conditions();
        if (existing != null) {
            for (Condition condition : existing) {
                for (ConditionType type : ConditionType.values()) {
                    if (type.name().equals(condition.getType())) {
                        conditions.byType.put(type, new ConditionBuilder(condition).build());
                    }
                }
            }
        }
        return conditions;
    }

    public Optional<Condition> get(ConditionType type) {
        return Optional.ofNullable(byType.get(type));
    }

    public boolean is(ConditionType type, String status) {
        return get(type).map(c -> status.equals(c.getStatus())).orElse(false);
    }

    public boolean isTrue(ConditionType type) {
        return is(type, TRUE);
    }

    public boolean isFalse(ConditionType type) {
        return is(type, FALSE);
    }

    /**
     * Sets a condition. The transition time is kept when the status does not flip; reason, message and
     * observedGeneration are updated in place.
     */
    public void set(ConditionType type, String status, String reason, String message, long generation, Instant now) {
        Condition previous = byType.get(type);
        String transition = previous != null && status.equals(previous.getStatus())
                ? previous.getLastTransitionTime()
                : Times.format(now);
        byType.put(type, new ConditionBuilder()
                .withType(type.name())
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build());
    }

    /** The list to write: lifecycle order. */
    public List<Condition> toList() {
        List<Condition> list = new ArrayList<>(byType.values());
        list.sort(Comparator.comparing(c -> ConditionType.valueOf(c.getType())));
        return list;
    }
}
