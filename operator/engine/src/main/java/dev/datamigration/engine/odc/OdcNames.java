package dev.datamigration.engine.odc;

import java.util.Locale;

/**
 * The physical names ODC appears to give (inferred from code ODC generates, not documented): a column is the
 * lower-cased attribute name with every character other than a letter, digit or {@code _} written as {@code _}; a
 * table is the first five letters of the entity name lower-cased, {@code _}, then an opaque token.
 */
public final class OdcNames {

    private OdcNames() {
    }

    /** The stage column ODC gives attribute {@code attribute}. */
    public static String column(String attribute) {
        String lower = attribute.toLowerCase(Locale.ROOT);
        StringBuilder column = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            column.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return column.toString();
    }

    /** The prefix of the stage table ODC gives entity {@code entity}: its first five letters, lower case, then {@code _}. */
    public static String tablePrefix(String entity) {
        String lower = column(entity);
        return lower.substring(0, Math.min(5, lower.length())) + "_";
    }
}
