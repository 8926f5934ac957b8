package dev.datamigration.engine.odc;

import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The fixture's O11 Production factory in one embedded PostgreSQL database and an ODC stage laid out from the same
 * model in another; {@link #close} drops both.
 */
final class OdcStageRig implements AutoCloseable {

    final O11Factory factory;
    final OdcStage stage;
    final String production;
    final String stageDb;
    private final EmbeddedPostgres pg = EmbeddedPostgres.shared();

    /** With {@code odcReady}, the source gets the O11 changes ODC requires ({@link OdcStage#prepareSource}). */
    OdcStageRig(boolean odcReady) throws SQLException {
        factory = O11Factory.builder().build();
        stage = new OdcStage(factory.model(), factory.apps());
        production = EmbeddedPostgres.uniqueDatabaseName("odc_prod");
        stageDb = EmbeddedPostgres.uniqueDatabaseName("odc_stage");
        pg.createDatabase(production);
        pg.createDatabase(stageDb);
        try (Connection p = source(); Connection s = target()) {
            factory.createProduction(p);
            stage.create(s);
            if (odcReady) {
                stage.prepareSource(p);
            }
        }
    }

    Connection source() throws SQLException {
        return pg.connect(production);
    }

    Connection target() throws SQLException {
        return pg.connect(stageDb);
    }

    OdcMapping mapping() {
        return OdcMappingParser.parse(stage.mappingYaml());
    }

    /** An in-memory {@link dev.datamigration.engine.users.OdcUserKeys}: the stage's users. */
    dev.datamigration.engine.users.OdcUserKeys userKeys() {
        return id -> Optional.ofNullable(stage.userKeys().get(id));
    }

    @Override
    public void close() {
        pg.dropDatabase(production);
        pg.dropDatabase(stageDb);
    }
}
