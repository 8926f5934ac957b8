package dev.datamigration.engine.catalog;

/**
 * OSSYS_ENTITY_ATTR.TYPE parsed: either a basic type ({@code rtText}, {@code rtInteger}, ...) or a reference
 * {@code bt<module SS_KEY>*<entity SS_KEY>} to the entity identified by that pair.
 */
public record AttributeType(String basicType, EntityKey reference) {

    public static AttributeType parse(String type) {
        String t = type == null ? "" : type.trim();
        if (t.startsWith("bt")) {
            int star = t.indexOf('*');
            if (star > 2 && star < t.length() - 1) {
                return new AttributeType(null, new EntityKey(t.substring(2, star), t.substring(star + 1)));
            }
        }
        return new AttributeType(t, null);
    }

    public boolean isReference() {
        return reference != null;
    }
}
