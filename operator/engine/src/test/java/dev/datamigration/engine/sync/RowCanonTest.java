package dev.datamigration.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.dialect.ValueKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RowCanon#same} decides exactly what equal canonical texts decide, value kind by value kind. */
class RowCanonTest {

    private record Pair(ValueKind kind, Object a, Object b, boolean same) {
    }

    private static final LocalDateTime T = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000);

    @Test
    void sameAgreesWithTheCanonicalText() {
        List<Pair> pairs = List.of(
                new Pair(ValueKind.INTEGER, 7, 7L, true),
                new Pair(ValueKind.INTEGER, 7L, 8L, false),
                new Pair(ValueKind.INTEGER, null, null, true),
                new Pair(ValueKind.INTEGER, null, 0L, false),
                new Pair(ValueKind.DECIMAL, new BigDecimal("1.50"), new BigDecimal("1.5"), true),
                new Pair(ValueKind.DECIMAL, new BigDecimal("0.00000000"), BigDecimal.ZERO, true),
                new Pair(ValueKind.DECIMAL, new BigDecimal("1.50000001"), new BigDecimal("1.5"), false),
                new Pair(ValueKind.BOOLEAN, true, true, true),
                new Pair(ValueKind.BOOLEAN, true, false, false),
                new Pair(ValueKind.TIMESTAMP, T.plusNanos(499), T, true),
                new Pair(ValueKind.TIMESTAMP, T.plusNanos(500), T, false),
                new Pair(ValueKind.TIMESTAMP, T.plusNanos(500), T.plusNanos(1000), true),
                new Pair(ValueKind.DATE, LocalDate.of(2024, 2, 29), LocalDate.of(2024, 2, 29), true),
                new Pair(ValueKind.DATE, LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1), false),
                new Pair(ValueKind.TIME, LocalTime.of(1, 2, 3, 4_000_999), LocalTime.of(1, 2, 3, 4_000_000), true),
                new Pair(ValueKind.TIME, LocalTime.of(1, 2, 3, 4_001_000), LocalTime.of(1, 2, 3, 4_000_000), false),
                new Pair(ValueKind.TEXT, "abc", "abc", true),
                new Pair(ValueKind.TEXT, "abc", "ABC", false),
                new Pair(ValueKind.TEXT, "", null, false),
                new Pair(ValueKind.BINARY, new byte[] {0, (byte) 0xff}, new byte[] {0, (byte) 0xff}, true),
                new Pair(ValueKind.BINARY, new byte[] {0, (byte) 0xff}, new byte[] {0}, false));
        for (Pair p : pairs) {
            RowCanon canon = new RowCanon(new ValueKind[] {ValueKind.INTEGER, p.kind()});
            Object[] a = {1L, p.a()};
            Object[] b = {1L, p.b()};
            assertThat(canon.same(a, b)).as("%s", p).isEqualTo(p.same());
            assertThat(canon.text(a).equals(canon.text(b))).as("text of %s", p).isEqualTo(p.same());
        }
    }
}
