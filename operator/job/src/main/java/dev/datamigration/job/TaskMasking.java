package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.MaskingStrategy;
import dev.datamigration.engine.mask.MaskRule;
import dev.datamigration.engine.mask.MaskStrategy;
import dev.datamigration.engine.mask.MaskingKey;
import dev.datamigration.engine.mask.MaskingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine's {@link MaskingSpec} of a task: its rules, and the key read from the mounted masking key Secret. Rules
 * without a key directory get no key, so the plan lists that among its errors. A key that cannot be read or is too
 * short fails the task (a permanent failure); its content never appears in a message.
 */
final class TaskMasking {

    private TaskMasking() {
    }

    public static MaskingSpec of(JobTask task) {
        List<MaskingRule> rules = task.getMasking() == null ? List.of() : task.getMasking();
        if (rules.isEmpty()) {
            return MaskingSpec.NONE;
        }
        List<MaskRule> engineRules = rules.stream().map(TaskMasking::rule).toList();
        String dir = task.getMaskingKeyDir();
        return new MaskingSpec(engineRules, dir == null || dir.isBlank() ? null : readKey(Path.of(dir)
                .resolve(Contracts.MASKING_KEY_FILE)));
    }

    private static MaskRule rule(MaskingRule rule) {
        MaskingStrategy strategy = rule.getStrategy() == null ? MaskingStrategy.Hash : rule.getStrategy();
        return new MaskRule(rule.getApp(), rule.getEntity(), rule.getAttribute(), MaskStrategy.parse(strategy.name()));
    }

    private static MaskingKey readKey(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new TaskException("cannot read the masking key file " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        try {
            return MaskingKey.of(bytes);
        } catch (IllegalArgumentException e) {
            throw new TaskException(e.getMessage() + " (file " + file + ")");
        }
    }
}
