package dev.datamigration.engine.dialect;

/**
 * A column as the database's own catalog reports it (real name, exact case). {@code hasDefault} is true when the
 * database fills the column on its own (a DEFAULT or an identity). {@code size} is the longest text in characters a
 * text column holds, 0 where it is unknown or unlimited.
 */
public record PhysicalColumn(String name, int jdbcType, String typeName, boolean nullable, boolean hasDefault,
                             ValueKind kind, int size) {

    /** A column of unknown size. */
    public PhysicalColumn(String name, int jdbcType, String typeName, boolean nullable, boolean hasDefault,
                          ValueKind kind) {
        this(name, jdbcType, typeName, nullable, hasDefault, kind, 0);
    }
}
