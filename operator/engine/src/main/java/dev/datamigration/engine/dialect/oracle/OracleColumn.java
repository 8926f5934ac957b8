package dev.datamigration.engine.dialect.oracle;

import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.ValueKind;
import java.sql.Types;
import java.util.Locale;

/**
 * One column as Oracle's {@code ALL_TAB_COLUMNS} (joined with {@code ALL_TAB_IDENTITY_COLUMNS}) describes it.
 * {@code precision}/{@code scale} are null where Oracle reports none (a bare {@code NUMBER}); {@code charLength} is the
 * declared length of character columns; {@code generation} is {@code ALWAYS}, {@code BY DEFAULT} or null (no
 * identity); {@code defaultOnNull} is Oracle's {@code DEFAULT_ON_NULL}.
 */
record OracleColumn(String name, String dataType, Integer charLength, Integer precision, Integer scale,
                           boolean nullable, boolean hasDefault, String generation, boolean defaultOnNull) {

    public OracleColumn {
        dataType = dataType.toUpperCase(Locale.ROOT);
    }

    public boolean identity() {
        return generation != null;
    }

    /**
     * The engine's value kind. NUMBER(1) is an OutSystems Boolean; NUMBER(2..20) with scale 0 an Integer (NUMBER(10))
     * or Long Integer (NUMBER(20)); every other NUMBER, including NUMBER(37,8) and a bare NUMBER, a decimal. DATE has
     * a time part, so it is a TIMESTAMP like TIMESTAMP(n).
     */
    public ValueKind kind() {
        String type = baseType();
        return switch (type) {
            case "NUMBER" -> {
                if (precision != null && scale != null && scale == 0) {
                    if (precision == 1) {
                        yield ValueKind.BOOLEAN;
                    }
                    if (precision <= 20) {
                        yield ValueKind.INTEGER;
                    }
                }
                yield ValueKind.DECIMAL;
            }
            case "FLOAT", "BINARY_FLOAT", "BINARY_DOUBLE" -> ValueKind.DECIMAL;
            case "DATE", "TIMESTAMP" -> ValueKind.TIMESTAMP;
            case "BLOB", "RAW", "LONG RAW" -> ValueKind.BINARY;
            // VARCHAR2, NVARCHAR2, CHAR, NCHAR, CLOB, NCLOB, LONG, TIMESTAMP WITH (LOCAL) TIME ZONE and the rest: text.
            default -> ValueKind.TEXT;
        };
    }

    /** The type without its precision: {@code TIMESTAMP(6)} is {@code TIMESTAMP}; zoned timestamps keep their name. */
    String baseType() {
        return dataType.matches("TIMESTAMP\\(\\d\\)") ? "TIMESTAMP" : dataType;
    }

    /** CLOB/NCLOB/BLOB: bound as streams. */
    public boolean lob() {
        return dataType.equals("CLOB") || dataType.equals("NCLOB") || dataType.equals("BLOB");
    }

    /** The JDBC type code ojdbc uses for this column (also the type of a bound NULL). */
    public int jdbcType() {
        return switch (baseType()) {
            case "NUMBER", "FLOAT", "BINARY_FLOAT", "BINARY_DOUBLE" -> Types.NUMERIC;
            case "DATE", "TIMESTAMP" -> Types.TIMESTAMP;
            case "BLOB" -> Types.BLOB;
            case "CLOB" -> Types.CLOB;
            case "NCLOB" -> Types.NCLOB;
            case "RAW", "LONG RAW" -> Types.VARBINARY;
            case "NVARCHAR2" -> Types.NVARCHAR;
            case "CHAR" -> Types.CHAR;
            case "NCHAR" -> Types.NCHAR;
            default -> Types.VARCHAR;
        };
    }

    /** The type as written in DDL, for messages: {@code NUMBER(37,8)}, {@code VARCHAR2(50)}. */
    public String sqlType() {
        if (baseType().equals("NUMBER") && precision != null) {
            return "NUMBER(" + precision + (scale != null && scale != 0 ? "," + scale : "") + ")";
        }
        if (charLength != null && charLength > 0 && !lob() && kind() == ValueKind.TEXT) {
            return dataType + "(" + charLength + ")";
        }
        return dataType;
    }

    public PhysicalColumn toPhysical() {
        return new PhysicalColumn(name, jdbcType(), sqlType(), nullable, hasDefault || identity(), kind(),
                kind() == ValueKind.TEXT && !lob() && charLength != null ? charLength : 0);
    }
}
