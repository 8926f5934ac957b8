package dev.datamigration.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.testing.H2Dialect;
import dev.datamigration.engine.testing.SalesScenario;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** existingData Sync into a target it cannot hash (not PostgreSQL) is refused before anything is written. */
class SyncRefusalTest {

    @Test
    void syncIntoANonPostgresTargetIsRefusedBeforeAnyWrite() throws Exception {
        try (SalesScenario scenario = SalesScenario.create()) {
            try (Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
                assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, List.of("Sales"), "Sales")
                        .withDialects(new PostgresDialect(), new H2Dialect())
                        .withOptions(CopyOptions.defaults().withSync(true))))
                        .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                        .hasMessage("existingData Sync needs a PostgreSQL target database, not H2: use Replace");
            }
            assertThat(scenario.target.rows("SELECT \"ID\" || ':' || \"NAME\" FROM \"osusr_t9_customer\""))
                    .containsExactly("50:Stale");
            assertThat(scenario.target.rows("SELECT count(*) FROM \"OSEVT_t9_Order\"")).containsExactly("1");
        }
    }
}
