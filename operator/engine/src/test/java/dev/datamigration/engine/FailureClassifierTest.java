package dev.datamigration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void dataIntegrityAndAuthorisationErrorsArePermanent() {
        assertThat(FailureClassifier.isPermanent(new SQLException("dup", "23505"))).isTrue();
        assertThat(FailureClassifier.isPermanent(new SQLException("bad value", "22P02"))).isTrue();
        assertThat(FailureClassifier.isPermanent(new SQLException("no table", "42P01"))).isTrue();
        assertThat(FailureClassifier.isPermanent(new SQLException("password", "28P01"))).isTrue();
        assertThat(FailureClassifier.isPermanent(MigrationException.permanent("model mismatch"))).isTrue();
    }

    @Test
    void connectionLossAndUnknownFailuresAreTransient() {
        assertThat(FailureClassifier.isPermanent(new SQLException("gone", "08006"))).isFalse();
        assertThat(FailureClassifier.isPermanent(new SQLException("shutdown", "57P01"))).isFalse();
        assertThat(FailureClassifier.isPermanent(new SQLException("no state"))).isFalse();
        assertThat(FailureClassifier.isPermanent(new RuntimeException(new IOException("reset")))).isFalse();
        assertThat(FailureClassifier.isPermanent(new MigrationException("rows differ in flight", false))).isFalse();
    }

    @Test
    void theInnermostClassifiedCauseDecides() {
        assertThat(FailureClassifier.isPermanent(new RuntimeException(new SQLException("dup", "23505")))).isTrue();
    }
}
