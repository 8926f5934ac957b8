package dev.datamigration.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.deploy.support.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The two artifacts: the product jar that the image ships (operator, plan, copy) carries none of the development
 * tools, and the development tools jar that {@code bin/datamigration} runs offers every command. Both jars are built
 * by the reactor's package phase before this module's tests run ({@code mvn verify}).
 */
class ProductJarTest {

    private static final Path PRODUCT = RepoFiles.path("operator/cli/target/datamigration.jar");
    private static final Path DEVTOOLS = RepoFiles.path("operator/devtools/target/datamigration-devtools.jar");

    /** Class-path prefixes of what only development needs: none of them may reach the image. */
    private static final List<String> DEVELOPMENT_ONLY = List.of(
            "dev/datamigration/devtools/",          // local mode, demo, bench, simulator command
            "dev/datamigration/simulator/",         // the platform simulator
            "dev/datamigration/fixtures/",          // the O11 factories, their oracle, embedded PostgreSQL
            "io/fabric8/kubernetes/client/server/mock/", // kubernetes-server-mock
            "io/fabric8/mockwebserver/",
            "postgres-linux-x86_64.txz",            // the embedded PostgreSQL binaries
            "org/h2/",
            "examples/demo/",
            "crds/");

    @Test
    void productJarHoldsTheProductAndNoDevelopmentTool() throws IOException {
        try (JarFile jar = open(PRODUCT)) {
            List<String> leaked = jar.stream().map(ZipEntry::getName)
                    .filter(name -> DEVELOPMENT_ONLY.stream().anyMatch(name::startsWith))
                    .toList();

            assertThat(leaked).as("development-only entries in the product jar").isEmpty();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.datamigration.cli.Main");
            assertThat(jar.getEntry("dev/datamigration/controller/DataMigrationOperator.class")).isNotNull();
            assertThat(jar.getEntry("dev/datamigration/job/CopyJob.class")).isNotNull();
            assertThat(jar.getEntry("dev/datamigration/engine/Engine.class")).isNotNull();
            assertThat(jar.getEntry("dev/datamigration/platform/odc/OdcClient.class")).isNotNull();
        }
    }

    @Test
    void productJarOffersExactlyTheOperatorPlanCopyAndOdcMappingCommands() throws Exception {
        String usage = run(PRODUCT, "--help");

        assertThat(commands(usage)).containsExactly("help", "operator", "plan", "copy", "odc-mapping");
    }

    @Test
    void developmentToolsJarOffersEveryCommand() throws Exception {
        try (JarFile jar = open(DEVTOOLS)) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.datamigration.devtools.DevToolsMain");
            assertThat(jar.getEntry("crds/datamigrations.datamigration.dev-v1.yml")).isNotNull();
            assertThat(jar.getEntry("examples/demo/migration.yaml")).isNotNull();
        }

        String usage = run(DEVTOOLS, "--help");

        assertThat(commands(usage))
                .containsExactly("help", "demo", "local", "simulator", "plan", "copy", "odc-mapping", "operator",
                        "bench");
        assertThat(Files.readString(RepoFiles.path("bin/datamigration"), StandardCharsets.UTF_8))
                .contains("operator/devtools/target/datamigration-devtools.jar");
    }

    private static JarFile open(Path jar) throws IOException {
        assertThat(jar).as("built by `mvn package` (run `mvn -B verify`, or package the module first)").exists();
        return new JarFile(jar.toFile());
    }

    /** The subcommand names of a picocli usage text, in the order it lists them. */
    private static List<String> commands(String usage) {
        String section = usage.substring(usage.indexOf("Commands:") + "Commands:".length());
        return section.lines()
                .filter(line -> line.startsWith("  ") && !line.startsWith("   "))
                .map(line -> line.trim().split("\\s+")[0])
                .toList();
    }

    private static String run(Path jar, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
