package dev.datamigration.devtools.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.datamigration.api.v1alpha1.DataMigration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads manifest files for local mode the way {@code kubectl apply} with strict field validation does: every object
 * of a kind local mode knows (DataMigration and the Kubernetes kinds of the client, Secrets and ConfigMaps among them)
 * must consist of fields of its schema only, so that a mistyped field fails the run instead of being dropped and
 * leaving a default in its place. All files are read before anything is applied, and every problem becomes one line
 * naming the file and the object, or the file and the line of a YAML syntax error. Objects of kinds the client does
 * not know are taken as they are, as an API server would with its own schema.
 */
final class ManifestReader {

    /** Duplicate keys are an error, as for kubectl: with a last-one-wins parser a pasted second password would win. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** fabric8's registry of kinds and its lenient reading of unknown kinds. */
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final ObjectMapper STRICT = strictMapper();

    private ManifestReader() {
    }

    /** The objects of every document of {@code files}, in order; fails with every problem found in any file. */
    static List<HasMetadata> read(List<Path> files) throws ManifestException {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            readFile(file, objects, problems);
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return objects;
    }

    private static void readFile(Path file, List<HasMetadata> objects, List<String> problems) {
        if (!Files.exists(file)) {
            problems.add(file + ": no such file");
            return;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            problems.add(file + ": cannot read the file");
            return;
        }
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (values.hasNextValue()) {
                documents.add(values.nextValue());
            }
        } catch (JsonProcessingException e) {
            problems.add(file + ": " + syntaxError(e));
            return;
        } catch (IOException e) {
            problems.add(file + ": cannot read the file: " + e.getMessage());
            return;
        }
        int number = 0;
        for (JsonNode document : documents) {
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue; // an empty document, e.g. after a trailing ---
            }
            number++;
            readObject(file, "document " + number, document, objects, problems);
        }
        if (number == 0) {
            problems.add(file + ": no Kubernetes object in the file");
        }
    }

    private static void readObject(Path file, String where, JsonNode node, List<HasMetadata> objects,
            List<String> problems) {
        if (!node.isObject()) {
            problems.add(file + ": " + where + ": not a Kubernetes object (a mapping with apiVersion, kind and"
                    + " metadata)");
            return;
        }
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            problems.add(file + ": " + where + ": " + (apiVersion.isEmpty() ? "apiVersion not set" : "")
                    + (apiVersion.isEmpty() && kind.isEmpty() ? ", " : "") + (kind.isEmpty() ? "kind not set" : ""));
            return;
        }
        if ("v1".equals(apiVersion) && "List".equals(kind)) {
            JsonNode items = node.path("items");
            for (int i = 0; i < items.size(); i++) {
                readObject(file, where + " item " + (i + 1), items.get(i), objects, problems);
            }
            return;
        }
        String name = node.path("metadata").path("name").asText("");
        String subject = kind + " " + (name.isEmpty() ? "in " + where : name);
        List<String> wrong = new ArrayList<>();
        if (name.isEmpty() && node.path("metadata").path("generateName").asText("").isEmpty()) {
            wrong.add("metadata.name not set");
        }
        boolean ours = DataMigration.GROUP.equals(group(apiVersion));
        String served = DataMigration.GROUP + "/" + DataMigration.VERSION;
        if (ours && !(served.equals(apiVersion) && "DataMigration".equals(kind))) {
            // the API server would refuse it; taking it as an unknown kind would end in "nothing to run"
            wrong.add("no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\" (the operator serves"
                    + " kind DataMigration in " + served + ")");
            problems.add(file + ": " + subject + ": " + String.join(", ", wrong));
            return;
        }
        Class<? extends KubernetesResource> type = ours ? DataMigration.class
                : KUBERNETES.getRegisteredKubernetesResource(apiVersion, kind);
        HasMetadata object = null;
        if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
            object = KUBERNETES.convertValue(node, GenericKubernetesResource.class);
        } else {
            try {
                object = (HasMetadata) STRICT.readerFor(type).withHandler(new UnknownFields(wrong)).readValue(node);
            } catch (JsonMappingException e) {
                wrong.add(invalidValue(e));
            } catch (IOException e) {
                wrong.add(e.getMessage()); // a tree in memory has no I/O to fail; kept for the checked signature
            }
        }
        if (wrong.isEmpty()) {
            objects.add(object);
        } else {
            problems.add(file + ": " + subject + ": " + String.join(", ", wrong));
        }
    }

    /**
     * A mapper that reads as the Kubernetes client does (its modules and settings) but refuses unknown fields: the
     * client's model classes keep unknown fields in an "additional properties" map, so their any-setters are taken
     * out and an unknown field reaches the problem handler like on any other class.
     */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new KubernetesSerialization(mapper, true);
        SimpleModule strict = new SimpleModule("strict-fields");
        strict.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                return builder;
            }
        });
        mapper.registerModule(strict);
        return mapper;
    }

    /** Collects every unknown field of one object (instead of failing at the first) with its path from the root. */
    private static final class UnknownFields extends DeserializationProblemHandler {

        private final List<String> found;

        UnknownFields(List<String> found) {
            this.found = found;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            found.add("unknown field \"" + path(parser.getParsingContext()) + "\"");
            parser.skipChildren();
            return true;
        }
    }

    /** {@code spec.masking[0].strategy} from the parser's context: field names and array indexes up to the root. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        return String.join("", parts).replaceFirst("^\\.", "");
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String invalidValue(JsonMappingException e) {
        String field = "field \"" + path(e.getPath()) + "\"";
        if (e instanceof InvalidFormatException format) {
            return "invalid value " + quoted(format.getValue()) + " for " + field + ": expected "
                    + expected(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "invalid value for " + field + ": expected " + expected(mismatch.getTargetType());
        }
        return "invalid value for " + field + ": " + oneLine(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "a mapping";
        }
        return "a " + type.getSimpleName();
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    /**
     * {@code line 12: mapping values are not allowed here}: SnakeYAML's problem and where it was found, without the
     * excerpt and caret lines its message carries.
     */
    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                && marked.getProblemMark() != null) {
            int line = marked.getProblemMark().getLine() + 1;
            String context = "";
            if (marked.getContext() != null) {
                context = " (" + oneLine(marked.getContext());
                if (marked.getContextMark() != null && marked.getContextMark().getLine() + 1 != line) {
                    context += " started on line " + (marked.getContextMark().getLine() + 1);
                }
                context += ")";
            }
            return "line " + line + ": " + oneLine(marked.getProblem()) + context;
        }
        JsonLocation location = e.getLocation();
        String where = location != null && location.getLineNr() > 0 ? "line " + location.getLineNr() + ": " : "";
        return where + oneLine(e.getOriginalMessage());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

}
