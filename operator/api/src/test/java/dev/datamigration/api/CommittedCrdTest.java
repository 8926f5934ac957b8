package dev.datamigration.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.crd.CrdLayout;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD in crds/ must be exactly what the build generates (after {@link CrdLayout}).
 * Run {@code mvn -pl operator/api verify -Dcrd.update=true} to rewrite it after a model change.
 */
class CommittedCrdTest {

    private static final String HEADER = "# Generated from operator/api by the build (CommittedCrdTest). Do not edit:\n"
            + "# change the model and run mvn -pl operator/api verify -Dcrd.update=true\n";

    @Test
    void committedCrdMatchesTheModel() throws IOException {
        Path generated = Path.of(System.getProperty("crd.generated"));
        Path committed = Path.of(System.getProperty("crd.committed"));
        CustomResourceDefinition crd;
        try (var in = Files.newInputStream(generated)) {
            crd = CrdLayout.apply(Serialization.unmarshal(in, CustomResourceDefinition.class));
        }
        String expected = HEADER + Serialization.asYaml(crd).replaceFirst("^---\n", "");
        if (Boolean.parseBoolean(System.getProperty("crd.update"))) {
            Files.writeString(committed, expected, StandardCharsets.UTF_8);
        }
        assertThat(committed).as("committed CRD %s (rewrite with -Dcrd.update=true)", committed).exists();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("crds/ is stale: run mvn -pl operator/api verify -Dcrd.update=true and commit the result")
                .isEqualTo(expected);
    }

    @Test
    void printerColumnsFollowTheContract() throws IOException {
        CustomResourceDefinition crd;
        try (var in = Files.newInputStream(Path.of(System.getProperty("crd.committed")))) {
            crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
        var version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Source", "Target", "Phase", "Progress", "Rows", "Elapsed", "Downtime", "Age");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("dm");
        assertThat(crd.getSpec().getNames().getCategories()).containsExactly("migrations");
    }
}
