package dev.datamigration.engine.odc;

import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.odc.StageCatalog.StageColumn;
import java.util.Optional;

/**
 * Which stage column types can hold an O11 attribute without losing anything (the model check of the plan): Text,
 * Email and Phone Number need {@code text} or {@code varchar(n)} with n at least the O11 length; Integer
 * {@code integer} or {@code bigint}; Long Integer {@code bigint}; Decimal and Currency {@code numeric} with the same
 * precision and scale; Boolean {@code boolean}; Date {@code date} or {@code timestamp}; Time {@code time} or
 * {@code timestamp}; Date Time {@code timestamp}; Binary Data {@code bytea}; an entity reference the type of the
 * referenced identifier; a user reference {@code text} or {@code varchar(n >= 36)} (ODC user keys are GUID text).
 */
final class OdcTypes {

    /** O11's Currency: decimal(37,8). */
    private static final int CURRENCY_PRECISION = 37;
    private static final int CURRENCY_SCALE = 8;
    private static final int EMAIL_LENGTH = 250;
    private static final int PHONE_LENGTH = 20;
    /** An ODC user key is a GUID: 36 characters. */
    private static final int USER_KEY_LENGTH = 36;

    private OdcTypes() {
    }

    /** Whether {@code column} can hold {@code attribute} of {@code catalog}. */
    static boolean fits(Catalog catalog, AttributeDef attribute, StageColumn column) {
        Optional<AttributeDef> basic = basicOf(catalog, attribute);
        if (basic.isEmpty()) {
            return isText(column) && textFits(column, USER_KEY_LENGTH);
        }
        AttributeDef a = basic.get();
        String type = a.type().basicType();
        String dt = column.dataType();
        return switch (type) {
            case "rtText" -> isText(column) && textFits(column, length(a, 0));
            case "rtEmail" -> isText(column) && textFits(column, length(a, EMAIL_LENGTH));
            case "rtPhoneNumber" -> isText(column) && textFits(column, length(a, PHONE_LENGTH));
            case "rtInteger" -> dt.equals("integer") || dt.equals("bigint");
            case "rtLongInteger" -> dt.equals("bigint");
            case "rtDecimal" -> dt.equals("numeric") && eq(column.precision(), a.length())
                    && eq(column.scale(), a.decimals() == null ? 0 : a.decimals());
            case "rtCurrency" -> dt.equals("numeric")
                    && eq(column.precision(), a.length() == null || a.length() == 0 ? CURRENCY_PRECISION : a.length())
                    && eq(column.scale(), a.decimals() == null || a.length() == null || a.length() == 0
                    ? CURRENCY_SCALE : a.decimals());
            case "rtBoolean" -> dt.equals("boolean");
            case "rtDate" -> dt.equals("date") || dt.equals("timestamp without time zone");
            case "rtTime" -> dt.equals("time without time zone") || dt.equals("timestamp without time zone");
            case "rtDateTime" -> dt.equals("timestamp without time zone");
            case "rtBinaryData" -> dt.equals("bytea");
            default -> false;
        };
    }

    /** How the O11 side is named in a mismatch: {@code Text(50)}, {@code Decimal(18,4)}, {@code reference to ...}. */
    static String describe(Catalog catalog, AttributeDef attribute) {
        if (attribute.type().isReference()) {
            EntityDef referenced = catalog.entities().get(attribute.type().reference());
            if (referenced == null) {
                return "reference to an unknown entity";
            }
            if (catalog.isUserEntity(referenced)) {
                return "user reference (ODC user key, text)";
            }
            String target = referenced.module().name() + "." + referenced.name();
            return "reference to " + target + basicOf(catalog, attribute).map(b -> " (" + describe(catalog, b) + ")")
                    .orElse("");
        }
        String type = attribute.type().basicType();
        return switch (type) {
            case "rtText" -> "Text" + (length(attribute, 0) > 0 ? "(" + attribute.length() + ")" : "");
            case "rtEmail" -> "Email(" + length(attribute, EMAIL_LENGTH) + ")";
            case "rtPhoneNumber" -> "Phone Number(" + length(attribute, PHONE_LENGTH) + ")";
            case "rtInteger" -> "Integer";
            case "rtLongInteger" -> "Long Integer";
            case "rtDecimal" -> "Decimal(" + attribute.length() + "," + (attribute.decimals() == null ? 0
                    : attribute.decimals()) + ")";
            case "rtCurrency" -> "Currency(37,8)";
            case "rtBoolean" -> "Boolean";
            case "rtDate" -> "Date";
            case "rtTime" -> "Time";
            case "rtDateTime" -> "Date Time";
            case "rtBinaryData" -> "Binary Data";
            default -> type;
        };
    }

    /**
     * The attribute whose basic type a column must hold: the attribute itself, or for an entity reference the
     * referenced identifier; empty for a user reference (text).
     */
    static Optional<AttributeDef> basicOf(Catalog catalog, AttributeDef attribute) {
        AttributeDef current = attribute;
        for (int depth = 0; depth < 8 && current.type().isReference(); depth++) {
            EntityDef referenced = catalog.entities().get(current.type().reference());
            if (referenced == null || catalog.isUserEntity(referenced)) {
                return Optional.empty();
            }
            Optional<AttributeDef> id = referenced.identifier();
            if (id.isEmpty()) {
                return Optional.empty();
            }
            current = id.get();
        }
        return current.type().isReference() ? Optional.empty() : Optional.of(current);
    }

    private static int length(AttributeDef attribute, int fallback) {
        return attribute.length() == null || attribute.length() <= 0 ? fallback : attribute.length();
    }

    private static boolean isText(StageColumn column) {
        return column.dataType().equals("text") || column.dataType().equals("character varying");
    }

    private static boolean textFits(StageColumn column, int length) {
        if (column.dataType().equals("text") || column.length() == null) {
            return true;
        }
        return length > 0 && column.length() >= length;
    }

    private static boolean eq(Integer a, Integer b) {
        return a != null && a.equals(b);
    }
}
