package dev.datamigration.engine.odc;

import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.odc.OdcStageDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link OdcStageDatabases} with what the engine's tests take from it: the parsed mapping and the stage's user keys.
 * {@link #close} drops both databases.
 */
final class OdcStageRig implements AutoCloseable {

    final O11Factory factory;
    final OdcStage stage;
    final String production;
    final String stageDb;
    private final OdcStageDatabases databases;

    /** With {@code odcReady}, the source gets the O11 changes ODC requires ({@link OdcStage#prepareSource}). */
    OdcStageRig(boolean odcReady) throws SQLException {
        databases = new OdcStageDatabases("odc", odcReady);
        factory = databases.factory();
        stage = databases.stage();
        production = databases.production();
        stageDb = databases.stageDb();
    }

    Connection source() throws SQLException {
        return databases.source();
    }

    Connection target() throws SQLException {
        return databases.target();
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
        databases.close();
    }
}
