package dev.datamigration.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimesAndHashTest {

    @Test
    @DisplayName("Elapsed time reads 45s, 12m03s, 2h05m09s")
    void elapsed() {
        assertThat(Times.elapsed(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Times.elapsed(Duration.ofSeconds(12 * 60 + 3))).isEqualTo("12m03s");
        assertThat(Times.elapsed(Duration.ofSeconds(2 * 3600 + 5 * 60 + 9))).isEqualTo("2h05m09s");
        assertThat(Times.elapsed(Duration.ofMillis(-5))).isEqualTo("0s");
    }

    @Test
    @DisplayName("The spec hash ignores cancel and changes with anything else")
    void specHash() {
        DataMigrationSpec spec = new DataMigrationSpec();
        spec.setApps(List.of("Orders"));
        String before = SpecHash.of(spec);
        spec.setCancel(true);
        assertThat(SpecHash.of(spec)).isEqualTo(before).hasSize(16);
        spec.setParallelism(3);
        assertThat(SpecHash.of(spec)).isNotEqualTo(before);
    }
}
