package dev.datamigration.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.deploy.support.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart ships the generated CRD byte for byte: copy crds/*.yml into helm/datamigration-operator/crds/ when it changes. */
class ChartCrdTest {

    @Test
    void chartCrdsAreExactCopiesOfTheGeneratedOnes() throws IOException {
        Path generated = RepoFiles.path("crds");
        Path shipped = RepoFiles.path("helm/datamigration-operator/crds");

        assertThat(fileNames(shipped)).containsExactlyElementsOf(fileNames(generated));
        for (String name : fileNames(generated)) {
            assertThat(Files.readAllBytes(shipped.resolve(name)))
                    .as("helm/datamigration-operator/crds/%s differs from crds/%s: copy it again", name, name)
                    .isEqualTo(Files.readAllBytes(generated.resolve(name)));
        }
    }

    private static java.util.List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
