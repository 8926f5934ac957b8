package dev.datamigration.devtools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DatabaseEngine;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests are read like {@code kubectl apply} with strict field validation: each problem is one line naming the
 * file and the object (or the line of a YAML error), and a file with a problem yields no object at all.
 */
class ManifestReaderTest {

    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: prod-db}
            stringData: {username: reader, password: s3cret}
            """;
    private static final String MIGRATION = """
            apiVersion: datamigration.dev/v1alpha1
            kind: DataMigration
            metadata:
              name: prod-to-qa
            spec:
              source:
                environment: Production
                database: {engine: SqlServer, url: "jdbc:sqlserver://prod", credentialsSecret: prod-db}
              target:
                environment: QA
                database: {engine: SqlServer, url: "jdbc:sqlserver://qa", credentialsSecret: qa-db}
              apps: [Orders]
              copier:
                streams: 2
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> problems(Path... files) {
        try {
            ManifestReader.read(List.of(files));
        } catch (ManifestException e) {
            return e.problems();
        }
        throw new AssertionError("no problem found in " + List.of(files));
    }

    @Test
    void readsEveryObjectOfEveryFileInOrderAsItsOwnType() throws Exception {
        Path secrets = file("secrets.yaml", "# credentials\n---\n" + SECRET + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: orders-odc, namespace: refresh}
                data: {mapping.yaml: "x: y"}
                ---
                """);
        Path migration = file("migration.yaml", MIGRATION);

        List<HasMetadata> objects = ManifestReader.read(List.of(secrets, migration));

        assertThat(objects).extracting(o -> o.getClass().getSimpleName() + " " + o.getMetadata().getName())
                .containsExactly("Secret prod-db", "ConfigMap orders-odc", "DataMigration prod-to-qa");
        assertThat(((Secret) objects.get(0)).getStringData()).containsEntry("password", "s3cret");
        assertThat(((ConfigMap) objects.get(1)).getMetadata().getNamespace()).isEqualTo("refresh");
        DataMigration dm = (DataMigration) objects.get(2);
        assertThat(dm.getSpec().getSource().getDatabase().getEngine()).isEqualTo(DatabaseEngine.SqlServer);
        assertThat(dm.getSpec().getCopier().getStreams()).isEqualTo(2);
    }

    @Test
    void aMistypedSpecFieldNamesTheFieldTheObjectAndTheFile() throws Exception {
        Path file = file("migration.yaml", MIGRATION.replace("  source:", "  sourc:"));

        assertThat(problems(file))
                .containsExactly(file + ": DataMigration prod-to-qa: unknown field \"spec.sourc\"");
    }

    @Test
    void everyUnknownFieldOfAnObjectIsNamedOnItsOneLineWithItsFullPath() throws Exception {
        Path file = file("migration.yaml", MIGRATION.replace("    streams: 2", "    streamz: 2")
                + "  masking:\n  - {app: Orders, entity: Customer, attribute: Email, strategi: Hash}\n");

        assertThat(problems(file)).containsExactly(file + ": DataMigration prod-to-qa: unknown field"
                + " \"spec.copier.streamz\", unknown field \"spec.masking[0].strategi\"");
    }

    @Test
    void secretsAndConfigMapsAreCheckedToo() throws Exception {
        Path file = file("secrets.yaml", SECRET.replace("stringData:", "stringdata:") + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: orders-odc, labelz: {team: data}}
                data: {mapping.yaml: "x: y"}
                """);

        assertThat(problems(file)).containsExactly(
                file + ": Secret prod-db: unknown field \"stringdata\"",
                file + ": ConfigMap orders-odc: unknown field \"metadata.labelz\"");
    }

    @Test
    void aValueOfTheWrongKindNamesTheFieldAndWhatItMustBe() throws Exception {
        Path engine = file("engine.yaml", MIGRATION.replace("engine: SqlServer, url: \"jdbc:sqlserver://qa\"",
                "engine: Postgres, url: \"jdbc:sqlserver://qa\""));
        Path streams = file("streams.yaml", MIGRATION.replace("streams: 2", "streams: two"));
        Path apps = file("apps.yaml", MIGRATION.replace("apps: [Orders]", "apps: {Orders: true}"));

        assertThat(problems(engine, streams, apps)).containsExactly(
                engine + ": DataMigration prod-to-qa: invalid value \"Postgres\" for field"
                        + " \"spec.target.database.engine\": expected one of SqlServer, Oracle, PostgreSQL",
                streams + ": DataMigration prod-to-qa: invalid value \"two\" for field \"spec.copier.streams\":"
                        + " expected a whole number",
                apps + ": DataMigration prod-to-qa: invalid value for field \"spec.apps\": expected a list");
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndTheLine() throws Exception {
        Path indented = file("indented.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: prod-db\n"
                + "    namespace: refresh\n");
        Path unclosed = file("unclosed.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: x\nstringData: {}\n");
        Path tab = file("tab.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n\tname: x\n");

        assertThat(problems(indented, unclosed, tab)).containsExactly(
                indented + ": line 5: mapping values are not allowed here",
                unclosed + ": line 4: expected ',' or '}', but got : (while parsing a flow mapping started on line 3)",
                tab + ": line 4: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for"
                        + " indentation) (while scanning for the next token)");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotALastOneWins() throws Exception {
        Path file = file("secret.yaml", SECRET + "stringData: {password: other}\n");

        assertThat(problems(file)).containsExactly(file + ": line 5: Duplicate field 'stringData'");
    }

    @Test
    void documentsThatAreNoObjectsAndFilesWithoutObjectsAreNamed() throws Exception {
        Path noKind = file("no-kind.yaml", SECRET + "---\napiVersion: v1\nmetadata: {name: x}\n---\nkind: Secret\n"
                + "---\n- a list\n---\napiVersion: v1\nkind: Secret\nmetadata: {namespace: refresh}\n");
        Path empty = file("empty.yaml", "# nothing yet\n---\n");
        Path missing = dir.resolve("missing.yaml");
        Path directory = Files.createDirectory(dir.resolve("manifests"));

        assertThat(problems(noKind, empty, missing, directory)).containsExactly(
                noKind + ": document 2: kind not set",
                noKind + ": document 3: apiVersion not set",
                noKind + ": document 4: not a Kubernetes object (a mapping with apiVersion, kind and metadata)",
                noKind + ": Secret in document 5: metadata.name not set",
                empty + ": no Kubernetes object in the file",
                missing + ": no such file",
                directory + ": cannot read the file");
    }

    @Test
    void aDataMigrationOfAnotherVersionOrAMistypedKindIsRefused() throws Exception {
        Path version = file("version.yaml", MIGRATION.replace("datamigration.dev/v1alpha1", "datamigration.dev/v1"));
        Path kind = file("kind.yaml", MIGRATION.replace("kind: DataMigration", "kind: Datamigration"));

        assertThat(problems(version, kind)).containsExactly(
                version + ": DataMigration prod-to-qa: no matches for kind \"DataMigration\" in version"
                        + " \"datamigration.dev/v1\" (the operator serves kind DataMigration in"
                        + " datamigration.dev/v1alpha1)",
                kind + ": Datamigration prod-to-qa: no matches for kind \"Datamigration\" in version"
                        + " \"datamigration.dev/v1alpha1\" (the operator serves kind DataMigration in"
                        + " datamigration.dev/v1alpha1)");
    }

    @Test
    void kindsTheClientDoesNotKnowAreTakenAsTheyAre() throws Exception {
        Path file = file("workflow.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: refresh-}
                spec: {entrypoint: main, anything: [1, 2]}
                """);

        assertThat(ManifestReader.read(List.of(file))).singleElement()
                .isInstanceOfSatisfying(GenericKubernetesResource.class,
                        w -> assertThat(w.getAdditionalProperties()).extractingByKey("spec")
                                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                                .containsKey("anything"));
    }

    @Test
    void aListOfObjectsIsReadItemByItem() throws Exception {
        Path file = file("list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Secret, metadata: {name: a}, stringData: {token: t}}
                - {apiVersion: v1, kind: Secret, metadata: {name: b}, stringdata: {token: t}}
                """);

        assertThat(problems(file)).containsExactly(file + ": Secret b: unknown field \"stringdata\"");
    }

    /**
     * What the documentation shows must keep working: every object in examples/ that is applied as a whole reads
     * cleanly (not the simulator's state files, Argo CD's test list and ConfigMap patch, or the kustomization).
     */
    @Test
    void everyExampleManifestReads() throws Exception {
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(Path.of("../../examples"))) {
            manifests = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.endsWith("simulator-state.yaml") && !p.endsWith("simulator/state.yaml")
                            && !p.endsWith("argocd/health_test.yaml") && !p.endsWith("argocd-cm-patch.yaml")
                            && !p.endsWith("kustomization.yaml"))
                    .sorted().toList();
        }
        assertThat(manifests).hasSizeGreaterThan(15);

        List<HasMetadata> objects = ManifestReader.read(manifests);

        assertThat(objects).filteredOn(DataMigration.class::isInstance).hasSizeGreaterThan(10);
        assertThat(objects).asInstanceOf(list(HasMetadata.class)).filteredOn(Secret.class::isInstance).isNotEmpty();
    }
}
