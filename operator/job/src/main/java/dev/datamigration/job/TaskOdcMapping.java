package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.engine.odc.OdcMapping;
import dev.datamigration.engine.odc.OdcMappingException;
import dev.datamigration.engine.odc.OdcMappingParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The ODC mapping of a task, read before any connection from the mounted ConfigMap ({@link Contracts#ODC_MAPPING_DIR},
 * file {@code mapping.yaml}): null for an O11 target. The volume is optional, so a ConfigMap that does not exist or has
 * no such key is reported here, naming it, instead of leaving the pod waiting to start; a file that cannot be parsed is
 * reported with every problem it has. Both are permanent: nothing was read or written.
 */
final class TaskOdcMapping {

    private TaskOdcMapping() {
    }

    static OdcMapping of(JobTask task) {
        if (task.getTarget() == null || task.getTarget().getPlatform() != Platform.ODC) {
            return null;
        }
        String dir = task.getOdcMappingDir();
        if (dir == null || dir.isBlank()) {
            throw new TaskException("an ODC target needs its mapping (spec.target.mapping.configMap), but the task"
                    + " names no mapping directory. Nothing was read or written");
        }
        Path file = Path.of(dir).resolve(Contracts.ODC_MAPPING_FILE);
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TaskException("no " + file + ": the ConfigMap of spec.target.mapping.configMap does not exist"
                    + " or has no key " + Contracts.ODC_MAPPING_FILE + ". Nothing was read or written");
        } catch (IOException | RuntimeException e) {
            throw new TaskException("cannot read the ODC mapping " + file + " (" + e.getClass().getSimpleName()
                    + "). Nothing was read or written");
        }
        try {
            return OdcMappingParser.parse(yaml);
        } catch (OdcMappingException e) {
            throw new TaskException(e.getMessage() + ". Nothing was read or written");
        }
    }
}
