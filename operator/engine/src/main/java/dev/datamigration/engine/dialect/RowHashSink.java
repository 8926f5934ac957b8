package dev.datamigration.engine.dialect;

/** Receives one 128-bit row hash as two 64-bit words (verification's per-row hashes). */
@FunctionalInterface
public interface RowHashSink {

    void add(long h1, long h2);
}
