package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RowRateTest {

    private static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");

    @Test
    void ratesOverTheWindowAndForgetsOlderSamples() {
        RowRate rate = new RowRate(Duration.ofSeconds(5));

        assertThat(rate.add(T0, 0)).as("one sample").isZero();
        assertThat(rate.add(T0.plusMillis(500), 400)).as("under a second").isZero();
        assertThat(rate.add(T0.plusSeconds(2), 10000)).isEqualTo(5000);
        assertThat(rate.add(T0.plusSeconds(4), 30000)).isEqualTo(7500);
        // the samples before 5 s fall out of the window, but for the one at 4 s: (90,000 - 30,000) rows over 6 s
        assertThat(rate.add(T0.plusSeconds(10), 90000)).isEqualTo(10000);
        assertThat(rate.add(T0.plusSeconds(20), 90000)).as("copying stopped").isZero();
    }
}
