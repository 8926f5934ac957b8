package dev.datamigration.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The objects `helm template` renders from the chart, typed by fabric8 (unknown kinds stay generic). */
public record RenderedChart(String yaml, List<HasMetadata> objects) {

    public static final String RELEASE = "dm";
    public static final String NAMESPACE = "datamigration-system";
    public static final Path CHART = RepoFiles.path("helm/datamigration-operator");
    /** A supported cluster version; Helm's offline default (1.20) is below the chart's kubeVersion. */
    public static final String KUBE_VERSION = "1.31.0";

    /** Renders with the chart's defaults plus the given values files (src/test/resources/values/NAME.yaml). */
    public static RenderedChart render(String... valuesFiles) {
        return render(command -> {
            for (String valuesFile : valuesFiles) {
                command.withValuesFile(valuesFile(valuesFile));
            }
            return command;
        });
    }

    /** Renders after the caller has configured the template command (values files, --set). */
    public static RenderedChart render(UnaryOperator<TemplateCommand> configure) {
        TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        String yaml = configure.apply(command).call();
        List<HasMetadata> objects = RepoFiles.yamlDocuments(yaml).stream()
                .map(JsonNode::toString)
                .map(json -> (HasMetadata) Serialization.unmarshal(json))
                .toList();
        return new RenderedChart(yaml, objects);
    }

    public static Path valuesFile(String name) {
        return RepoFiles.path("operator/deploy/src/test/resources/values/" + name + ".yaml");
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one object of that type, namespace (null for cluster-scoped) and name; fails when it is missing. */
    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        return all(type).stream()
                .filter(o -> Objects.equals(o.getMetadata().getNamespace(), namespace))
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + namespace + "/" + name
                        + " among " + objects.stream().map(RenderedChart::describe).toList()));
    }

    public List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    public static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }
}
