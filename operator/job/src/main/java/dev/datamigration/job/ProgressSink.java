package dev.datamigration.job;

import java.util.Map;

/** Where progress documents go: keys (progress.json, plan.json, checkpoint) to JSON/text values. */
interface ProgressSink {

    /** Writes (creates or replaces) the given keys, leaving other keys alone. */
    void write(Map<String, String> documents);
}
