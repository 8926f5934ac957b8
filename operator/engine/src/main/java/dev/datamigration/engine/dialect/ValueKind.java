package dev.datamigration.engine.dialect;

import java.sql.Types;

/**
 * The engine's normalised value kinds. Every value travelling through the engine is one of: {@code null},
 * {@link String} (TEXT), {@link Long} (INTEGER), {@link java.math.BigDecimal} (DECIMAL), {@link Boolean} (BOOLEAN),
 * {@link java.time.LocalDateTime} (TIMESTAMP), {@link java.time.LocalDate} (DATE), {@link java.time.LocalTime} (TIME)
 * or {@code byte[]} (BINARY). Nothing travels through {@code double}.
 */
public enum ValueKind {
    TEXT, INTEGER, DECIMAL, BOOLEAN, TIMESTAMP, DATE, TIME, BINARY;

    /** The kind of a JDBC type code ({@link java.sql.DatabaseMetaData#getColumns} DATA_TYPE). */
    public static ValueKind ofJdbcType(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE -> DECIMAL;
            case Types.BIT, Types.BOOLEAN -> BOOLEAN;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP;
            case Types.DATE -> DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> TIME;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
            default -> TEXT;
        };
    }
}
