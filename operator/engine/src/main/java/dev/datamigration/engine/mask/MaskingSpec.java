package dev.datamigration.engine.mask;

import java.util.List;

/** The masking of a migration: its rules and its key (null when none was given; rules then fail the plan). */
public record MaskingSpec(List<MaskRule> rules, MaskingKey key) {

    public static final MaskingSpec NONE = new MaskingSpec(List.of(), null);

    public MaskingSpec {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
