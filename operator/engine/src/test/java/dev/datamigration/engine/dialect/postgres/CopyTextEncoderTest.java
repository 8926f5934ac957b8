package dev.datamigration.engine.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CopyTextEncoderTest {

    private static String encode(Object[] row, ValueKind... kinds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CopyTextEncoder(out).writeRow(row, kinds);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapesBackslashTabNewlineAndCarriageReturn() throws Exception {
        assertThat(encode(new Object[] {"a\\b\tc\nd\re"}, ValueKind.TEXT)).isEqualTo("a\\\\b\\tc\\nd\\re\n");
    }

    @Test
    void nullIsBackslashNAndEmptyTextStaysEmpty() throws Exception {
        assertThat(encode(new Object[] {null, "", "\\N"}, ValueKind.TEXT, ValueKind.TEXT, ValueKind.TEXT))
                .isEqualTo("\\N\t\t\\\\N\n");
    }

    @Test
    void byteaIsEscapedHexAndEmptyBinaryStaysDistinctFromNull() throws Exception {
        assertThat(encode(new Object[] {new byte[] {0, (byte) 0xff, 0x10}, new byte[0], null},
                ValueKind.BINARY, ValueKind.BINARY, ValueKind.BINARY)).isEqualTo("\\\\x00ff10\t\\\\x\t\\N\n");
    }

    @Test
    void decimalsArePlainAndTemporalValuesIso() throws Exception {
        assertThat(encode(new Object[] {new BigDecimal("1E-8"), new BigDecimal("12345678901234567890123456789.12345678"),
                        42L, true, false},
                ValueKind.DECIMAL, ValueKind.DECIMAL, ValueKind.INTEGER, ValueKind.BOOLEAN, ValueKind.BOOLEAN))
                .isEqualTo("0.00000001\t12345678901234567890123456789.12345678\t42\tt\tf\n");
        assertThat(encode(new Object[] {LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(2024, 2, 29, 7, 8, 9,
                        123456000), LocalDate.of(1900, 1, 1), LocalTime.of(13, 5)},
                ValueKind.TIMESTAMP, ValueKind.TIMESTAMP, ValueKind.DATE, ValueKind.TIME))
                .isEqualTo("1900-01-01 00:00:00\t2024-02-29 07:08:09.123456\t1900-01-01\t13:05:00\n");
    }

    @Test
    void unicodeIsWrittenAsUtf8() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CopyTextEncoder(out).writeRow(new Object[] {"李雷 😀 é"}, new ValueKind[] {ValueKind.TEXT});
        assertThat(out.toByteArray()).isEqualTo("李雷 😀 é\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nulCharacterIsRejectedWithTheColumnNeverStripped() {
        assertThatThrownBy(() -> encode(new Object[] {"ok", "a\0b"}, ValueKind.TEXT, ValueKind.TEXT))
                .isInstanceOfSatisfying(ValueRejectedException.class, e -> {
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("NUL character at position 1 (PostgreSQL text cannot hold it)");
                });
    }
}
