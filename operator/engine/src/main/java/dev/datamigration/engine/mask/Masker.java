package dev.datamigration.engine.mask;

/**
 * Rewrites the values of one masked column. Called with non-null values only, already converted to the target
 * column's kind (NULL carries no data and stays NULL); returns a value of that kind, or NULL where the strategy says
 * so. Implementations are thread-safe: parallel streams share the entity's plan.
 */
public interface Masker {

    MaskStrategy strategy();

    Object mask(Object value);
}
