package dev.datamigration.engine.dialect.sqlserver;

import dev.datamigration.engine.dialect.ValueRejectedException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * How one destination column is described to {@code SQLServerBulkCopy} and how an engine value becomes the object the
 * driver writes for it. Checks happen here, at {@link #convert} time, so a value the column cannot hold is rejected
 * with its column index before anything is sent, never truncated or rounded on the way:
 * <ul>
 *   <li>integers are narrowed exactly (an {@code int} column gets an {@link Integer});</li>
 *   <li>decimals keep every digit: the scale is raised to the column's scale, never lowered by rounding;</li>
 *   <li>text and binary longer than the column are rejected (SQL Server would fail the whole batch);</li>
 *   <li>temporal values go as ISO-8601 text, which is what the driver sends for a bulk-data source anyway (it
 *       converts temporal columns of an {@code ISQLServerBulkData} to varchar and lets the server convert them). The
 *       {@code T}-separated form is the one SQL Server reads the same under every {@code SET DATEFORMAT}/language.
 *       {@code datetime} accepts at most 3 fractional digits and stores 1/300 s ticks: the server rounds
 *       {@code .001}..{@code .009} to {@code .000}/{@code .003}/{@code .007}, exactly as for any other insert.
 *       {@code datetime2}/{@code time} get 7 digits (100 ns, their finest precision).</li>
 * </ul>
 */
final class SqlServerBulkValues {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter DATETIME2 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS");
    private static final DateTimeFormatter SMALLDATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSS");

    private final SqlServerColumn column;
    private final int sourceType;
    private final int precision;
    private final int scale;

    SqlServerBulkValues(SqlServerColumn column) {
        this.column = column;
        switch (column.typeName()) {
            case "int" -> {
                sourceType = Types.INTEGER;
                precision = 10;
                scale = 0;
            }
            case "bigint" -> {
                sourceType = Types.BIGINT;
                precision = 19;
                scale = 0;
            }
            case "smallint", "tinyint" -> {
                sourceType = Types.SMALLINT;
                precision = 5;
                scale = 0;
            }
            case "decimal", "numeric", "money", "smallmoney" -> {
                sourceType = Types.DECIMAL;
                precision = column.precision();
                scale = column.scale();
            }
            // A float column holds binary floating point; its values round-trip exactly through double.
            case "float", "real" -> {
                sourceType = Types.DOUBLE;
                precision = 15;
                scale = 0;
            }
            case "bit" -> {
                sourceType = Types.BIT;
                precision = 1;
                scale = 0;
            }
            case "datetime", "smalldatetime" -> {
                sourceType = Types.TIMESTAMP;
                precision = 23;
                scale = 3;
            }
            case "datetime2" -> {
                sourceType = Types.TIMESTAMP;
                precision = 27;
                scale = 7;
            }
            case "date" -> {
                sourceType = Types.DATE;
                precision = 10;
                scale = 0;
            }
            case "time" -> {
                sourceType = Types.TIME;
                precision = 16;
                scale = 7;
            }
            case "varbinary", "binary", "image" -> {
                sourceType = Types.VARBINARY;
                precision = column.capacity();
                scale = 0;
            }
            // The canonical 36-character text form; the server converts it to uniqueidentifier.
            case "uniqueidentifier" -> {
                sourceType = Types.VARCHAR;
                precision = 36;
                scale = 0;
            }
            // All other text goes as Unicode; a varchar column converts it to its code page on the server.
            default -> {
                sourceType = Types.NVARCHAR;
                precision = column.capacity();
                scale = 0;
            }
        }
    }

    SqlServerColumn column() {
        return column;
    }

    /** The {@link java.sql.Types} code the bulk-data source reports for this column. */
    int sourceType() {
        return sourceType;
    }

    int precision() {
        return precision;
    }

    int scale() {
        return scale;
    }

    /** The driver-ready form of {@code value} (an engine value of this column's kind); null stays null. */
    Object convert(int index, Object value) throws ValueRejectedException {
        if (value == null) {
            return null;
        }
        return switch (column.typeName()) {
            case "int" -> narrow(index, (Long) value, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
            case "bigint" -> value;
            case "smallint" -> narrow(index, (Long) value, Short.MIN_VALUE, Short.MAX_VALUE).shortValue();
            case "tinyint" -> narrow(index, (Long) value, 0, 255).shortValue();
            case "decimal", "numeric", "money", "smallmoney" -> exactDecimal(index, (BigDecimal) value);
            case "float", "real" -> ((BigDecimal) value).doubleValue();
            case "bit" -> value;
            case "datetime" -> DATETIME.format((LocalDateTime) value);
            case "smalldatetime" -> SMALLDATETIME.format((LocalDateTime) value);
            case "datetime2" -> DATETIME2.format((LocalDateTime) value);
            case "date" -> DATE.format((LocalDate) value);
            case "time" -> TIME.format((LocalTime) value);
            case "varbinary", "binary", "image" -> fitBinary(index, (byte[]) value);
            case "uniqueidentifier" -> value.toString();
            default -> fitText(index, value.toString());
        };
    }

    private Long narrow(int index, Long value, long min, long max) throws ValueRejectedException {
        if (value < min || value > max) {
            throw new ValueRejectedException(index, value + " is out of range for " + column.sqlType());
        }
        return value;
    }

    private BigDecimal exactDecimal(int index, BigDecimal value) throws ValueRejectedException {
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ValueRejectedException(index, value.toPlainString() + " has more than " + scale
                    + " decimals and " + column.sqlType() + " would round it");
        }
        if (scaled.precision() > precision) {
            throw new ValueRejectedException(index, value.toPlainString() + " has more digits than "
                    + column.sqlType() + " holds");
        }
        return scaled;
    }

    private String fitText(int index, String value) throws ValueRejectedException {
        if (value.length() > precision) {
            throw new ValueRejectedException(index, "text of " + value.length() + " characters does not fit "
                    + column.sqlType());
        }
        return value;
    }

    private byte[] fitBinary(int index, byte[] value) throws ValueRejectedException {
        if (value.length > precision) {
            throw new ValueRejectedException(index, value.length + " bytes do not fit " + column.sqlType());
        }
        return value;
    }

    /** Rough in-memory size of a converted value, to bound a batch by bytes as well as rows. */
    static long sizeOf(Object value) {
        if (value instanceof String s) {
            return 2L * s.length();
        }
        if (value instanceof byte[] b) {
            return b.length;
        }
        return 16;
    }
}
