package dev.datamigration.engine;

/** What one failure says about a retry: it cannot help, it may help, or this failure does not tell. */
enum Verdict {
    PERMANENT,
    TRANSIENT,
    UNKNOWN
}
