package dev.datamigration.engine.dialect;

/**
 * A column as the database's own catalog reports it (real name, exact case). {@code hasDefault} is true when the
 * database fills the column on its own (a DEFAULT or an identity).
 */
public record PhysicalColumn(String name, int jdbcType, String typeName, boolean nullable, boolean hasDefault,
                             ValueKind kind) {
}
