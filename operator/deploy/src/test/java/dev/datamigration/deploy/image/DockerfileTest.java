package dev.datamigration.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datamigration.deploy.support.RepoFiles;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot run here, so the image is checked as text: its stages, its user, its entrypoint, and that the Helm
 * chart's image, user, port and arguments agree with it.
 */
class DockerfileTest {

    private static final String JAR = "/opt/datamigration/datamigration.jar";
    private static DockerfileInstructions dockerfile;
    private static JsonNode values;
    private static JsonNode chart;

    @BeforeAll
    static void read() {
        dockerfile = DockerfileInstructions.parse(RepoFiles.read("Dockerfile"));
        values = RepoFiles.yamlObject(RepoFiles.path("helm/datamigration-operator/values.yaml"));
        chart = RepoFiles.yamlObject(RepoFiles.path("helm/datamigration-operator/Chart.yaml"));
    }

    @Test
    void buildStageRunsTheMavenPackageOfTheCliJar() {
        DockerfileInstructions build = dockerfile.stage(0);

        assertThat(build.only("FROM")).isEqualTo("maven:3.9-eclipse-temurin-17 AS build");
        assertThat(build.only("RUN")).endsWith("mvn -B -DskipTests package -pl operator/cli -am");
        assertThat(RepoFiles.read("operator/cli/pom.xml"))
                .as("the shade plugin names the jar the runtime stage copies")
                .contains("<finalName>datamigration</finalName>");
    }

    @Test
    void runtimeStageRunsTheJarAsNumericNonRootUser() {
        DockerfileInstructions runtime = dockerfile.stage(1);

        assertThat(dockerfile.named("FROM")).hasSize(2);
        assertThat(runtime.only("FROM")).isEqualTo("eclipse-temurin:17-jre");
        assertThat(runtime.only("COPY"))
                .startsWith("--from=build ")
                .endsWith("/src/operator/cli/target/datamigration.jar " + JAR);
        assertThat(runtime.only("USER")).isEqualTo("10001:10001");
        assertThat(runtime.only("ENTRYPOINT")).isEqualTo("[\"java\", \"-jar\", \"" + JAR + "\"]");
        assertThat(runtime.only("CMD")).isEqualTo("[\"operator\"]");
        assertThat(runtime.only("RUN")).contains("--uid 10001").contains("--gid 10001");
    }

    @Test
    void chartRunsTheImagesUserPortAndCommand() {
        String user = dockerfile.stage(1).only("USER");
        long uid = Long.parseLong(user.substring(0, user.indexOf(':')));
        long gid = Long.parseLong(user.substring(user.indexOf(':') + 1));

        assertThat(values.at("/podSecurityContext/runAsUser").asLong()).isEqualTo(uid);
        assertThat(values.at("/securityContext/runAsUser").asLong()).isEqualTo(uid);
        assertThat(values.at("/podSecurityContext/runAsGroup").asLong()).isEqualTo(gid);
        assertThat(values.at("/securityContext/runAsGroup").asLong()).isEqualTo(gid);
        assertThat(dockerfile.stage(1).only("EXPOSE")).isEqualTo(values.at("/metrics/containerPort").asText());
        assertThat(RepoFiles.read("helm/datamigration-operator/templates/deployment.yaml"))
                .as("the chart keeps the ENTRYPOINT and passes the subcommand")
                .contains("args: [\"operator\"]")
                .doesNotContain("command:");
        assertThat(values.at("/javaOptions").asText())
                .as("the chart's JVM options repeat the image's default")
                .isEqualTo("-XX:MaxRAMPercentage=75");
        assertThat(dockerfile.stage(1).only("ENV")).contains("JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75\"");
    }

    @Test
    void chartImageAndVersionNameTheImageThisDockerfileBuilds() {
        String appVersion = chart.path("appVersion").asText();
        String projectVersion = projectVersion();
        String buildTag = dockerfile.comments().stream()
                .filter(c -> c.startsWith("docker build -t "))
                .map(c -> c.substring("docker build -t ".length(), c.lastIndexOf(' ')))
                .findFirst().orElseThrow(() -> new AssertionError("no `docker build -t` line in the Dockerfile"));

        assertThat(appVersion).isEqualTo(projectVersion.replace("-SNAPSHOT", ""));
        assertThat(values.at("/image/tag").asText()).as("empty tag = appVersion").isEmpty();
        assertThat(buildTag).isEqualTo(values.at("/image/repository").asText() + ":" + appVersion);
        assertThat(dockerfile.stage(1).named("ARG")).singleElement()
                .satisfies(arg -> assertThat(arg.arguments()).isEqualTo("VERSION=" + appVersion));
    }

    @Test
    void dockerignoreKeepsBuildOutputOutButTheSourcesIn() {
        List<String> ignored = RepoFiles.read(".dockerignore").lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertThat(ignored).contains("**/target/", ".git/");
        assertThat(ignored).doesNotContain("operator/", "crds/", "pom.xml", "operator", "crds");
    }

    private static String projectVersion() {
        Matcher matcher = Pattern.compile("<artifactId>datamigration-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(RepoFiles.read("pom.xml"));
        assertThat(matcher.find()).as("parent pom version").isTrue();
        return matcher.group(1);
    }
}
