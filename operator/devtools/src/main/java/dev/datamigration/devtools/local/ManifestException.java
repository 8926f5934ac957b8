package dev.datamigration.devtools.local;

import java.util.List;

/** Manifests that cannot be applied; one line per problem, each naming the file (and the object or the line). */
public final class ManifestException extends Exception {

    private final List<String> problems;

    ManifestException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one line each, in file and document order. */
    public List<String> problems() {
        return problems;
    }
}
