package dev.datamigration.engine.dialect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A table as the database's own catalog reports it: real name and columns in ordinal order. */
public record PhysicalTable(String name, List<PhysicalColumn> columns) {

    /** The column whose name equals {@code name} ignoring case (physical names differ in case from the metamodel). */
    public Optional<PhysicalColumn> column(String name) {
        String wanted = name.toUpperCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().toUpperCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
