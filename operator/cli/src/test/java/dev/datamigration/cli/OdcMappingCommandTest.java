package dev.datamigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.odc.OdcMapping;
import dev.datamigration.engine.odc.OdcMappingParser;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.odc.OdcStageDatabases;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code odc-mapping} against the fixture's O11 Production and its ODC-laid-out stage: it resolves the stage fully
 * (exit 0) into the mapping the stage was built with, and names an entity it cannot resolve uniquely (exit 3).
 */
class OdcMappingCommandTest {

    private static final EmbeddedPostgres PG = EmbeddedPostgres.shared();
    private static OdcStageDatabases databases;
    private static O11Factory factory;
    private static OdcStage stage;
    private static String production;
    private static String stageDb;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void create() throws Exception {
        databases = new OdcStageDatabases("odcmap", false);
        factory = databases.factory();
        stage = databases.stage();
        production = databases.production();
        stageDb = databases.stageDb();
    }

    @AfterAll
    static void drop() {
        databases.close();
    }

    @Test
    void resolvesTheFixtureStageFullyAndThenNamesTheAmbiguousEntity() throws Exception {
        Path output = dir.resolve("mapping.yaml");
        assertThat(run("--output", output.toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("odc-mapping: every entity resolved\n");
        OdcMapping proposed = OdcMappingParser.parse(Files.readString(output));
        assertThat(proposed.apps()).usingRecursiveComparison().ignoringFields("odcApp")
                .isEqualTo(OdcMappingParser.parse(stage.mappingYaml()).apps());

        String products = stage.table(factory.model().product);
        try (Connection s = PG.connect(stageDb); Statement st = s.createStatement()) {
            st.execute("CREATE TABLE produ_copy0000000000000000000 (LIKE " + products + ")");
        }
        err.reset();
        try {
            assertThat(run()).isEqualTo(3);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("odc-mapping: 1 entity open:\n"
                    + "  - Catalog.Product: several tables fit equally: produ_copy0000000000000000000, " + products
                    + "\n");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("      - entity: Catalog.Product\n"
                    + "        table: TODO\n");
        } finally {
            try (Connection s = PG.connect(stageDb); Statement st = s.createStatement()) {
                st.execute("DROP TABLE produ_copy0000000000000000000");
            }
        }
    }

    private int run(String... extra) throws Exception {
        Path credentials = Files.createDirectories(dir.resolve("credentials"));
        Files.writeString(credentials.resolve("username"), PG.username());
        Files.writeString(credentials.resolve("password"), PG.password());
        String[] base = {"--source-url", PG.jdbcUrl(production), "--target-url", PG.jdbcUrl(stageDb),
            "--source-credentials", credentials.toString(), "--target-credentials", credentials.toString(),
            "--apps", String.join(",", factory.apps())};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return new CommandLine(new OdcMappingCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
    }
}
