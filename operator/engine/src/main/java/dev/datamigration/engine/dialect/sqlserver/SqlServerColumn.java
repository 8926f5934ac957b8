package dev.datamigration.engine.dialect.sqlserver;

import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.ValueKind;
import java.sql.Types;
import java.util.Locale;

/**
 * One column as SQL Server's {@code sys.columns}/{@code sys.types} describe it. {@code maxLength} is in bytes as
 * {@code sys.columns.max_length} reports it ({@code -1} for the {@code (max)} types), so an {@code nvarchar(50)} has
 * {@code maxLength} 100. The bulk writer needs these details (precision, scale, length) to describe its source columns
 * to {@code SQLServerBulkCopy}; {@link PhysicalColumn} keeps only what the engine needs.
 */
record SqlServerColumn(String name, String typeName, int maxLength, int precision, int scale, boolean nullable,
                              boolean identity, boolean hasDefault) {

    /** Characters an {@code nvarchar(max)}/{@code varbinary(max)} value may have, as the bulk-copy API expects it. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    public SqlServerColumn {
        typeName = typeName.toLowerCase(Locale.ROOT);
    }

    /** The engine's value kind of this SQL Server type. */
    public ValueKind kind() {
        return switch (typeName) {
            case "int", "bigint", "smallint", "tinyint" -> ValueKind.INTEGER;
            case "decimal", "numeric", "money", "smallmoney", "float", "real" -> ValueKind.DECIMAL;
            case "bit" -> ValueKind.BOOLEAN;
            case "datetime", "datetime2", "smalldatetime" -> ValueKind.TIMESTAMP;
            case "date" -> ValueKind.DATE;
            case "time" -> ValueKind.TIME;
            case "varbinary", "binary", "image" -> ValueKind.BINARY;
            // nvarchar, varchar, nchar, char, ntext, text, uniqueidentifier, xml and anything else: text.
            default -> ValueKind.TEXT;
        };
    }

    /** The JDBC type code of this SQL Server type (what mssql-jdbc reports for it). */
    public int jdbcType() {
        return switch (typeName) {
            case "int" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "smallint" -> Types.SMALLINT;
            case "tinyint" -> Types.TINYINT;
            case "decimal", "money", "smallmoney" -> Types.DECIMAL;
            case "numeric" -> Types.NUMERIC;
            case "float" -> Types.DOUBLE;
            case "real" -> Types.REAL;
            case "bit" -> Types.BIT;
            case "datetime", "datetime2", "smalldatetime" -> Types.TIMESTAMP;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "varbinary", "binary" -> Types.VARBINARY;
            case "image" -> Types.LONGVARBINARY;
            case "nvarchar", "nchar" -> Types.NVARCHAR;
            case "ntext" -> Types.LONGNVARCHAR;
            case "text" -> Types.LONGVARCHAR;
            case "uniqueidentifier" -> Types.CHAR;
            default -> Types.VARCHAR;
        };
    }

    /** True for the {@code (max)} and legacy LOB types, whose values the bulk copy streams. */
    public boolean unlimited() {
        return maxLength == -1 || typeName.equals("image") || typeName.equals("ntext") || typeName.equals("text")
                || typeName.equals("xml");
    }

    /** Longest value in characters (text) or bytes (binary); {@link #UNLIMITED} for the (max) types. */
    public int capacity() {
        if (unlimited()) {
            return UNLIMITED;
        }
        return switch (typeName) {
            case "nvarchar", "nchar" -> maxLength / 2;
            case "uniqueidentifier" -> 36;
            default -> maxLength;
        };
    }

    /** The type as it would be written in DDL, for messages: {@code nvarchar(50)}, {@code decimal(37,8)}. */
    public String sqlType() {
        return switch (typeName) {
            case "nvarchar", "nchar", "varchar", "char", "varbinary", "binary" ->
                    typeName + "(" + (maxLength == -1 ? "max" : String.valueOf(capacity())) + ")";
            case "decimal", "numeric" -> typeName + "(" + precision + "," + scale + ")";
            case "datetime2", "time" -> typeName + "(" + scale + ")";
            default -> typeName;
        };
    }

    public PhysicalColumn toPhysical() {
        return new PhysicalColumn(name, jdbcType(), sqlType(), nullable, identity || hasDefault, kind(),
                kind() == ValueKind.TEXT && !unlimited() ? capacity() : 0);
    }
}
