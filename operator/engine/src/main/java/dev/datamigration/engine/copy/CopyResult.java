package dev.datamigration.engine.copy;

import java.util.List;

/** The outcome of a successful app copy: every entity verified, with its rows and content hash, and the warnings. */
public record CopyResult(String app, List<EntityResult> entities, List<String> warnings) {

    /** One verified entity. */
    public record EntityResult(String name, long rows, String hash) {
    }
}
