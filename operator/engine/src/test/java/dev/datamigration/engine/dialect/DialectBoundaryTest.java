package dev.datamigration.engine.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dialect boundary, enforced over the engine's main sources ({@code src/main/java/dev/datamigration/engine}, every
 * {@code .java} file; comments, string and char literals are ignored). A <em>dialect package</em> is every
 * sub-package of {@code dialect} ({@code dialect.postgres}, {@code dialect.sqlserver}, {@code dialect.oracle}, and
 * any added later); its <em>types</em> are the top-level types of its files (the dialect class and its
 * package-private readers, writers, column records, ...). Outside a dialect package's own files:
 * <ol>
 *   <li>no {@code instanceof} test against one of its types, and no cast to one of its types, anywhere, the
 *       registry included;</li>
 *   <li>no reference to the package itself (an import, or a qualified name {@code dev.datamigration.engine.dialect.
 *       postgres...}) except in {@code dialect/Dialects.java}, the registry, which instantiates the dialects. Another
 *       dialect package may not name it either.</li>
 * </ol>
 * What only a pair of dialects can do together goes through {@link Dialect#fastPathTo} ({@link FastPath}); a
 * dialect's own package may test its own types (PostgreSQL's fast path exists only towards another
 * {@code PostgresDialect}).
 */
class DialectBoundaryTest {

    private static final Path ENGINE = Path.of("src/main/java/dev/datamigration/engine");
    private static final String REGISTRY = "dialect/Dialects.java";

    /** One source file: its path under the engine's package directory ('/'-separated) and its code. */
    record Source(String path, String code) {
    }

    @Test
    void noEnginePackageTestsForOrCastsToAConcreteDialectOrNamesItsPackage() {
        List<Source> sources = engineSources();
        Map<String, Set<String>> dialects = dialectTypes(sources);
        // Guard against a rule that checks nothing: the sources and the three dialect packages were found.
        assertThat(dialects).containsKeys("postgres", "sqlserver", "oracle");
        assertThat(dialects.get("postgres")).contains("PostgresDialect", "PgFastPath", "BinaryCopyReader");
        assertThat(sources).extracting(Source::path).contains("copy/EntityLoader.java", "verify/EntityVerifier.java",
                REGISTRY);
        assertThat(violations(sources, dialects)).isEmpty();
    }

    @Test
    void theRuleNamesEachKindOfViolationAndIgnoresCommentsAndLiterals() {
        List<Source> sources = List.of(
                new Source("copy/Bad.java", """
                        package dev.datamigration.engine.copy;
                        import dev.datamigration.engine.dialect.postgres.PostgresDialect;
                        class Bad {
                            boolean pg(Object d) { return d instanceof PostgresDialect; }
                            Object raw(Object r) { return (dev.datamigration.engine.dialect.postgres.BinaryCopyReader) r; }
                            // d instanceof OracleDialect, (SqlServerDialect) d
                            /* import dev.datamigration.engine.dialect.oracle.OracleDialect; */
                            String text = "instanceof SqlServerDialect (OracleDialect)";
                            char quote = '"';
                            boolean sql(Object d) { return d instanceof SqlServerDialect; }
                        }
                        """),
                new Source("dialect/Dialects.java", """
                        package dev.datamigration.engine.dialect;
                        import dev.datamigration.engine.dialect.oracle.OracleDialect;
                        class Dialects { boolean oracle(Dialect d) { return d instanceof OracleDialect; } }
                        """),
                new Source("dialect/postgres/PostgresDialect.java", """
                        package dev.datamigration.engine.dialect.postgres;
                        class PostgresDialect { boolean pg(Object d) { return d instanceof PostgresDialect; } }
                        """),
                new Source("dialect/postgres/BinaryCopyReader.java",
                        "package dev.datamigration.engine.dialect.postgres;\nclass BinaryCopyReader { }\n"),
                new Source("dialect/oracle/OracleDialect.java", """
                        package dev.datamigration.engine.dialect.oracle;
                        class OracleDialect { Object w(Object r) { return (dev.datamigration.engine.dialect.postgres.BinaryCopyReader) r; } }
                        """),
                new Source("dialect/sqlserver/SqlServerDialect.java",
                        "package dev.datamigration.engine.dialect.sqlserver;\nclass SqlServerDialect { }\n"));
        assertThat(violations(sources, dialectTypes(sources))).containsExactly(
                "copy/Bad.java: instanceof PostgresDialect (a type of dialect.postgres)",
                "copy/Bad.java: cast to BinaryCopyReader (a type of dialect.postgres)",
                "copy/Bad.java: names package dialect.postgres (only its own files and dialect/Dialects.java may)",
                "copy/Bad.java: instanceof SqlServerDialect (a type of dialect.sqlserver)",
                "dialect/Dialects.java: instanceof OracleDialect (a type of dialect.oracle)",
                "dialect/oracle/OracleDialect.java: cast to BinaryCopyReader (a type of dialect.postgres)",
                "dialect/oracle/OracleDialect.java: names package dialect.postgres (only its own files and"
                        + " dialect/Dialects.java may)");
    }

    /** Every violation of the two rules, per file in path order, per dialect package in name order. */
    static List<String> violations(List<Source> sources, Map<String, Set<String>> dialects) {
        List<String> found = new ArrayList<>();
        for (Source source : sources) {
            String code = codeOnly(source.code());
            for (Map.Entry<String, Set<String>> dialect : dialects.entrySet()) {
                String name = dialect.getKey();
                if (source.path().startsWith("dialect/" + name + "/")) {
                    continue;
                }
                String types = String.join("|", dialect.getValue());
                String owner = " (a type of dialect." + name + ")";
                Matcher uses = Pattern.compile("\\binstanceof\\s+(?:[\\w.]+\\.)?(" + types + ")\\b"
                        + "|\\(\\s*(?:[\\w.]+\\.)?(" + types + ")\\s*\\)").matcher(code);
                while (uses.find()) {
                    found.add(source.path() + ": " + (uses.group(1) != null ? "instanceof " + uses.group(1)
                            : "cast to " + uses.group(2)) + owner);
                }
                if (!source.path().equals(REGISTRY)
                        && Pattern.compile("\\bdev\\.datamigration\\.engine\\.dialect\\." + name + "\\b")
                        .matcher(code).find()) {
                    found.add(source.path() + ": names package dialect." + name + " (only its own files and "
                            + REGISTRY + " may)");
                }
            }
        }
        return found;
    }

    /** The source with its comments and the contents of its string, text block and char literals blanked. */
    static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int end;
            if (source.startsWith("//", i)) {
                end = after(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                end = after(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                end = after(source, "\"\"\"", i + 3);
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                end = literalEnd(source, i);
            } else {
                code.append(source.charAt(i++));
                continue;
            }
            code.append(' ');
            i = end;
        }
        return code.toString();
    }

    /** The index after the first {@code token} from {@code from}, or the end of the source. */
    private static int after(String source, String token, int from) {
        int at = source.indexOf(token, from);
        return at < 0 ? source.length() : at + token.length();
    }

    /** The index after the string or char literal opening at {@code start} (escapes skipped). */
    private static int literalEnd(String source, int start) {
        char quote = source.charAt(start);
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, source.length());
    }

    /** Dialect package name → the top-level types its files declare (one per file, named as the file). */
    static Map<String, Set<String>> dialectTypes(List<Source> sources) {
        Map<String, Set<String>> types = new TreeMap<>();
        Pattern file = Pattern.compile("dialect/(\\w+)/(\\w+)\\.java");
        for (Source source : sources) {
            Matcher m = file.matcher(source.path());
            if (m.matches()) {
                types.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return types;
    }

    private static List<Source> engineSources() {
        try (Stream<Path> files = Files.walk(ENGINE)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(p -> {
                try {
                    return new Source(ENGINE.relativize(p).toString().replace('\\', '/'),
                            Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
