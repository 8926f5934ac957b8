package dev.datamigration.engine.catalog;

/**
 * A row of OSSYS_ENTITY_ATTR. {@code defaultValue} is null when the attribute has none or the metamodel has no
 * DEFAULT_VALUE column.
 */
public record AttributeDef(int id, String name, String ssKey, AttributeType type, Integer length, Integer decimals,
                           boolean mandatory, boolean autoNumber, String deleteRule, boolean active,
                           String defaultValue) {

    public String key() {
        return ssKey.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** A reference whose Delete Rule creates a database constraint (Protect or Delete; Ignore creates none). */
    public boolean constrained() {
        return type.isReference() && !"Ignore".equalsIgnoreCase(deleteRule);
    }
}
