package dev.datamigration.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.dialect.ValueKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private final RowHasher hasher = new RowHasher();
    private static final ValueKind[] KINDS = {ValueKind.INTEGER, ValueKind.TEXT};

    private ContentHash of(Object[]... rows) {
        ContentHash h = new ContentHash();
        for (Object[] row : rows) {
            h.add(hasher.hash(row, KINDS));
        }
        return h;
    }

    @Test
    void orderDoesNotMatter() {
        assertThat(of(new Object[] {1L, "a"}, new Object[] {2L, "b"}))
                .isEqualTo(of(new Object[] {2L, "b"}, new Object[] {1L, "a"}));
    }

    @Test
    void duplicateRowsDoNotCancelOut() {
        ContentHash twice = of(new Object[] {1L, "a"}, new Object[] {1L, "a"}, new Object[] {2L, "b"});
        ContentHash once = of(new Object[] {2L, "b"});
        assertThat(twice.hex()).isNotEqualTo(once.hex());
        ContentHash otherPair = of(new Object[] {3L, "c"}, new Object[] {3L, "c"}, new Object[] {2L, "b"});
        assertThat(twice.hex()).isNotEqualTo(otherPair.hex());
    }

    @Test
    void additionCarriesAcrossThe64BitHalves() {
        ContentHash h = new ContentHash();
        byte[] lowAllOnes = new byte[16];
        for (int i = 8; i < 16; i++) {
            lowAllOnes[i] = (byte) 0xff;
        }
        byte[] one = new byte[16];
        one[15] = 1;
        h.add(lowAllOnes);
        h.add(one);
        assertThat(h.hex()).isEqualTo("00000000000000010000000000000000");
        assertThat(h.rows()).isEqualTo(2);
    }

    @Test
    void nullEmptyTextAndEmptyBinaryDiffer() {
        ValueKind[] text = {ValueKind.TEXT};
        ValueKind[] binary = {ValueKind.BINARY};
        assertThat(hasher.hash(new Object[] {null}, text)).isNotEqualTo(hasher.hash(new Object[] {""}, text));
        assertThat(hasher.hash(new Object[] {""}, text)).isNotEqualTo(hasher.hash(new Object[] {new byte[0]}, binary));
    }

    @Test
    void normalisesDecimalScaleAndDateKinds() {
        ValueKind[] dec = {ValueKind.DECIMAL};
        assertThat(hasher.hash(new Object[] {new BigDecimal("1.50")}, dec))
                .isEqualTo(hasher.hash(new Object[] {new BigDecimal("1.5000")}, dec));
        assertThat(hasher.hash(new Object[] {new BigDecimal("1.5")}, dec))
                .isNotEqualTo(hasher.hash(new Object[] {new BigDecimal("1.6")}, dec));
        assertThat(hasher.hash(new Object[] {LocalDate.of(1900, 1, 1)}, new ValueKind[] {ValueKind.DATE}))
                .isEqualTo(hasher.hash(new Object[] {LocalDateTime.of(1900, 1, 1, 0, 0)},
                        new ValueKind[] {ValueKind.TIMESTAMP}));
    }
}
