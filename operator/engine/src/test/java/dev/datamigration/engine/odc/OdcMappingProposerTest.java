package dev.datamigration.engine.odc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.CatalogReader;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The mapping proposal resolves the fixture's stage fully (the renamed column included) into the mapping the stage
 * was built with, and leaves an entity open, by name, once a second table fits it equally.
 */
class OdcMappingProposerTest {

    @Test
    void resolvesTheFixtureStageFullyIntoItsOwnMapping() throws Exception {
        try (OdcStageRig rig = new OdcStageRig(true)) {
            OdcMappingProposer.Proposal proposal = propose(rig);
            assertThat(proposal.open()).isEmpty();
            assertThat(proposal.complete()).isTrue();
            assertThat(OdcMappingParser.parse(proposal.yaml()).apps()).usingRecursiveComparison()
                    .ignoringFields("odcApp").isEqualTo(rig.mapping().apps());
        }
    }

    @Test
    void marksAnEntityWithTwoEquallyFittingTablesOpenByName() throws Exception {
        try (OdcStageRig rig = new OdcStageRig(true)) {
            String product = rig.stage.table(rig.factory.model().product);
            try (Connection t = rig.target(); Statement st = t.createStatement()) {
                st.execute("CREATE TABLE produ_copy0000000000000000000 (LIKE " + product + ")");
            }
            OdcMappingProposer.Proposal proposal = propose(rig);
            assertThat(proposal.complete()).isFalse();
            assertThat(proposal.open()).containsExactly("Catalog.Product: several tables fit equally: "
                    + "produ_copy0000000000000000000, " + product);
            assertThat(proposal.yaml()).contains("      # OPEN: several tables fit equally: "
                    + "produ_copy0000000000000000000, " + product + "\n      - entity: Catalog.Product\n"
                    + "        table: TODO\n");
        }
    }

    private static OdcMappingProposer.Proposal propose(OdcStageRig rig) throws Exception {
        try (Connection s = rig.source(); Connection t = rig.target()) {
            Catalog source = new CatalogReader(new PostgresDialect()).read(s, "source");
            return OdcMappingProposer.propose(source, rig.factory.apps(), StageCatalog.read(t));
        }
    }
}
