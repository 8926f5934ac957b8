package dev.datamigration.engine.dialect;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.Locale;

/** Conversions between the normalised value kinds, type defaults, and parsing of metamodel default texts. */
public final class Values {

    /** OutSystems' NullDate: 1900-01-01 00:00:00 is a value, never NULL. */
    public static final LocalDateTime NULL_DATE = LocalDateTime.of(1900, 1, 1, 0, 0);

    private Values() {
    }

    /** The value OutSystems stores when an attribute is not set: '', 0, false, NullDate, an empty byte array. */
    public static Object typeDefault(ValueKind kind) {
        return switch (kind) {
            case TEXT -> "";
            case INTEGER -> 0L;
            case DECIMAL -> BigDecimal.ZERO;
            case BOOLEAN -> Boolean.FALSE;
            case TIMESTAMP -> NULL_DATE;
            case DATE -> NULL_DATE.toLocalDate();
            case TIME -> LocalTime.MIDNIGHT;
            case BINARY -> new byte[0];
        };
    }

    /** Parses a metamodel default (OSSYS_ENTITY_ATTR.DEFAULT_VALUE) into {@code kind}; throws on text it cannot read. */
    public static Object parse(String text, ValueKind kind) {
        String t = text.trim();
        return switch (kind) {
            case TEXT -> text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                    ? text.substring(1, text.length() - 1) : text;
            case INTEGER -> Long.parseLong(t);
            case DECIMAL -> new BigDecimal(t);
            case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean: " + t);
            };
            case TIMESTAMP -> t.length() == 10 ? LocalDate.parse(t).atStartOfDay()
                    : LocalDateTime.parse(t.replace(' ', 'T'));
            case DATE -> LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
            case TIME -> LocalTime.parse(t.length() > 10 ? t.substring(11) : t);
            case BINARY -> HexFormat.of().parseHex(t.startsWith("0x") ? t.substring(2) : t);
        };
    }

    /**
     * Converts a value read from the source into the target column's kind when the two differ (e.g. int -> bigint,
     * bit -> boolean, date -> timestamp). Same kind: returned as is.
     */
    public static Object convert(Object value, ValueKind to) {
        if (value == null) {
            return null;
        }
        return switch (to) {
            case TEXT -> value instanceof byte[] b ? HexFormat.of().formatHex(b) : value instanceof BigDecimal d
                    ? d.toPlainString() : value.toString();
            case INTEGER -> value instanceof Long ? value : value instanceof Boolean b ? (b ? 1L : 0L)
                    : value instanceof BigDecimal d ? d.longValueExact() : Long.parseLong(value.toString().trim());
            case DECIMAL -> value instanceof BigDecimal ? value : value instanceof Boolean b
                    ? (b ? BigDecimal.ONE : BigDecimal.ZERO) : new BigDecimal(value.toString().trim());
            case BOOLEAN -> value instanceof Boolean ? value : value instanceof Long l ? l != 0
                    : value instanceof BigDecimal d ? d.signum() != 0 : parse(value.toString(), ValueKind.BOOLEAN);
            case TIMESTAMP -> value instanceof LocalDateTime ? value : value instanceof LocalDate d
                    ? d.atStartOfDay() : value instanceof LocalTime t ? NULL_DATE.toLocalDate().atTime(t)
                    : parse(value.toString(), ValueKind.TIMESTAMP);
            case DATE -> value instanceof LocalDate ? value : value instanceof LocalDateTime t ? t.toLocalDate()
                    : parse(value.toString(), ValueKind.DATE);
            case TIME -> value instanceof LocalTime ? value : value instanceof LocalDateTime t ? t.toLocalTime()
                    : parse(value.toString(), ValueKind.TIME);
            case BINARY -> value instanceof byte[] ? value : value.toString().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8);
        };
    }

    /** A short human form for messages (binary as its length). */
    public static String display(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] b) {
            return "<" + b.length + " bytes>";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").format(t);
        }
        return value.toString();
    }
}
