package dev.datamigration.engine.odc;

import java.util.List;

/** A mapping.yaml that cannot be used, with every problem found (not only the first). */
public final class OdcMappingException extends RuntimeException {

    private final List<String> problems;

    public OdcMappingException(List<String> problems) {
        super("mapping.yaml: " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
