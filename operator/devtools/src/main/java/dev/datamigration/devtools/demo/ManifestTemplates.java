package dev.datamigration.devtools.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of examples/demo with their {@code ${NAME}} placeholders filled in. The jar carries a copy of
 * examples/demo; {@link #directory} reads an edited one instead. A placeholder without a value is an error naming it:
 * a manifest must never be applied with a placeholder left in it.
 */
final class ManifestTemplates {

    static final String MIGRATION = "migration.yaml";
    static final String SIMULATOR_STATE = "simulator-state.yaml";

    private static final String PACKAGED = "/examples/demo/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    /** Values land in double-quoted YAML strings: nothing that would end or escape the string. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[^\"\\\\\\p{Cntrl}]*");

    private final String origin;
    private final Path directory;

    private ManifestTemplates(String origin, Path directory) {
        this.origin = origin;
        this.directory = directory;
    }

    /** The copy of examples/demo inside the jar. */
    static ManifestTemplates packaged() {
        return new ManifestTemplates("examples/demo", null);
    }

    /** The files of {@code dir} (an edited copy of examples/demo). */
    static ManifestTemplates directory(Path dir) {
        return new ManifestTemplates(dir.toString(), dir);
    }

    /** Where the templates come from, for messages. */
    String origin() {
        return origin;
    }

    /**
     * Checks that both files exist and name only placeholders in {@code known}, before the demo starts anything.
     *
     * @throws IllegalArgumentException naming the file and the placeholders nobody fills in
     */
    void check(Set<String> known) {
        for (String file : List.of(SIMULATOR_STATE, MIGRATION)) {
            Matcher matcher = PLACEHOLDER.matcher(read(file));
            TreeSet<String> unknown = new TreeSet<>();
            while (matcher.find()) {
                if (!known.contains(matcher.group(1))) {
                    unknown.add(matcher.group(1));
                }
            }
            if (!unknown.isEmpty()) {
                throw unfilled(file, unknown, known);
            }
        }
    }

    /** The file's text with every placeholder replaced by its value. */
    String render(String file, Map<String, String> values) {
        String text = read(file);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rendered = new StringBuilder();
        TreeSet<String> missing = new TreeSet<>();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                continue;
            }
            if (!SAFE_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("the value for ${" + matcher.group(1) + "} cannot go into a quoted"
                        + " YAML string (it holds a quote, backslash or control character)");
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        if (!missing.isEmpty()) {
            throw unfilled(file, missing, values.keySet());
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    private IllegalArgumentException unfilled(String file, Set<String> unknown, Set<String> known) {
        return new IllegalArgumentException(origin + "/" + file + " has placeholders the demo cannot fill in: "
                + placeholders(unknown) + " (it fills in " + placeholders(known) + ")");
    }

    private static String placeholders(Set<String> names) {
        return String.join(", ", new TreeSet<>(names).stream().map(k -> "${" + k + "}").toList());
    }

    private String read(String file) {
        if (directory != null) {
            Path path = directory.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(path + " does not exist: --manifests needs a directory with "
                        + MIGRATION + " and " + SIMULATOR_STATE + " (a copy of examples/demo)");
            }
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        try (InputStream in = ManifestTemplates.class.getResourceAsStream(PACKAGED + file)) {
            if (in == null) {
                throw new IllegalStateException("examples/demo/" + file + " is not in the jar: rebuild it (mvn -pl"
                        + " operator/devtools -am package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read examples/demo/" + file + " from the jar", e);
        }
    }
}
