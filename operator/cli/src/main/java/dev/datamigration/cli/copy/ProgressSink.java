package dev.datamigration.cli.copy;

import java.util.Map;

/** Where progress documents go: keys (progress.json, plan.json, checkpoint) to JSON/text values. */
public interface ProgressSink {

    /** Writes (creates or replaces) the given keys, leaving other keys alone. */
    void write(Map<String, String> documents);
}
