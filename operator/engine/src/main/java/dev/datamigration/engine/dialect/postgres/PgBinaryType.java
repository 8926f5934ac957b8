package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.PhysicalColumn;
import java.util.Locale;

/**
 * The PostgreSQL column types the binary COPY codec handles, by the type name pgjdbc reports
 * ({@link PhysicalColumn#typeName()}). A table with any other column type (float, money, json, arrays ...) is copied
 * with the text COPY format instead.
 */
enum PgBinaryType {
    BOOL, INT2, INT4, INT8, NUMERIC, TEXT, BYTEA, TIMESTAMP, DATE, TIME;

    /** The binary type of a column, or null when the codec does not handle it. */
    static PgBinaryType of(PhysicalColumn column) {
        String name = column.typeName() == null ? "" : column.typeName().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "bool" -> BOOL;
            case "int2" -> INT2;
            case "int4", "serial" -> INT4;
            case "int8", "bigserial" -> INT8;
            case "numeric" -> NUMERIC;
            case "text", "varchar", "bpchar" -> TEXT;
            case "bytea" -> BYTEA;
            case "timestamp" -> TIMESTAMP;
            case "date" -> DATE;
            case "time" -> TIME;
            default -> null;
        };
    }

    /** The binary types of all columns, or null when one of them is not handled. */
    static PgBinaryType[] ofAll(java.util.List<PhysicalColumn> columns) {
        PgBinaryType[] types = new PgBinaryType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = of(columns.get(i));
            if (types[i] == null) {
                return null;
            }
        }
        return types;
    }
}
