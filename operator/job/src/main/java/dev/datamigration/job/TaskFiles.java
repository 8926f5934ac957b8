package dev.datamigration.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.datamigration.api.task.JobTask;
import java.io.IOException;
import java.nio.file.Path;

/** Reads task.json and writes the JSON documents of the contract (progress.json, plan.json). */
public final class TaskFiles {

    /** Jackson configured for the contract documents: unknown fields fail (a typo must not pass silently). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private TaskFiles() {
    }

    public static JobTask read(Path file) {
        try {
            return JSON.readValue(file.toFile(), JobTask.class);
        } catch (IOException e) {
            throw new TaskException("cannot read task " + file + ": " + e.getMessage().lines().findFirst()
                    .orElse(e.getClass().getSimpleName()), e);
        }
    }

    public static String toJson(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + document.getClass().getSimpleName(), e);
        }
    }
}
