package dev.datamigration.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    @DisplayName("Back-off doubles from the base per attempt and stops at the maximum")
    void backoff() {
        OperatorSettings settings = OperatorSettings.defaults("img:1");
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(settings.backoff(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoff(60)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.platformAttempts()).isEqualTo(6);
        assertThat(settings.copierServiceAccount()).isEqualTo("datamigration-copier");
    }

    @Test
    @DisplayName("A root user id or no attempts are refused")
    void refused() {
        assertThatThrownBy(() -> new OperatorSettings("img", "sa", 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 3)).hasMessage("copierUser must be a non-root user id, got 0");
        assertThatThrownBy(() -> new OperatorSettings("img", "sa", 1000, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).hasMessage(
                "platformAttempts must be at least 1, got 0");
    }
}
