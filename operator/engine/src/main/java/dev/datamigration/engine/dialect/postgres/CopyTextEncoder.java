package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Encodes rows in PostgreSQL's COPY text format (UTF-8): columns separated by TAB, rows ended by LF, NULL as
 * {@code \N}. In text values backslash, TAB, LF and CR are backslash-escaped, so {@code ''} stays an empty string and
 * never turns into NULL. bytea is written as {@code \\x<hex>} (the backslash of bytea's hex form escaped for COPY),
 * decimals as {@link BigDecimal#toPlainString()}, temporal values in ISO form. A NUL character cannot be stored in
 * PostgreSQL text: it is rejected, never stripped.
 */
final class CopyTextEncoder {

    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");

    private final OutputStream out;
    private final StringBuilder text = new StringBuilder();

    CopyTextEncoder(OutputStream out) {
        this.out = out;
    }

    /** Writes one row; {@code kinds[i]} is the kind of column i. */
    void writeRow(Object[] row, ValueKind[] kinds) throws IOException, ValueRejectedException {
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            writeValue(i, row[i], kinds[i]);
        }
        out.write('\n');
    }

    private void writeValue(int column, Object value, ValueKind kind) throws IOException, ValueRejectedException {
        if (value == null) {
            out.write(NULL);
            return;
        }
        switch (kind) {
            case TEXT -> writeText(column, value.toString());
            case BINARY -> writeBytea((byte[]) value);
            case BOOLEAN -> out.write(((Boolean) value) ? 't' : 'f');
            case DECIMAL -> writeAscii(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            case INTEGER -> writeAscii(value.toString());
            case TIMESTAMP -> {
                LocalDateTime t = (LocalDateTime) value;
                writeAscii(DATE.format(t) + ' ' + TIME.format(t));
            }
            case DATE -> writeAscii(DATE.format((LocalDate) value));
            case TIME -> writeAscii(TIME.format((LocalTime) value));
        }
    }

    private void writeText(int column, String value) throws IOException, ValueRejectedException {
        text.setLength(0);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\0' -> throw new ValueRejectedException(column,
                        "NUL character at position " + i + " (PostgreSQL text cannot hold it)");
                default -> text.append(c);
            }
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytea(byte[] bytes) throws IOException {
        out.write('\\');
        out.write('\\');
        out.write('x');
        for (byte b : bytes) {
            out.write(HEX[(b >> 4) & 0xF]);
            out.write(HEX[b & 0xF]);
        }
    }

    private void writeAscii(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }
}
