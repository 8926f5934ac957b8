package dev.datamigration.engine.plan;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.MissingRight;
import dev.datamigration.engine.dialect.Right;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks while planning that the credentials may do what the copy will do ({@link TableAccess}): the source may read
 * every table the copy reads, the target may do to every table what the copy does to it. Each missing privilege
 * becomes a plan error, all of them at once, one line per side and table (and one per other object, such as a
 * sequence), e.g. {@code target: no DELETE, INSERT on OSUSR_H5M_DEPARTMENT (People Directory.Department)}. The check
 * only asks the databases ({@link Dialect#missingRights}); a run whose credentials fall short thus fails in Planning,
 * before an environment is stopped or a row written. Only the plan runs it; the copy does not.
 */
public final class RightsCheck {

    private final Connection source;
    private final Dialect sourceDialect;
    private final Connection target;
    private final Dialect targetDialect;
    /** Source table -> what its SELECT lacks, asked once (when counting its rows, then when reporting). */
    private final Map<String, List<MissingRight>> sourceReads = new HashMap<>();

    public RightsCheck(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect) {
        this.source = source;
        this.sourceDialect = sourceDialect;
        this.target = target;
        this.targetDialect = targetDialect;
    }

    /**
     * {@code counter} for the source tables the source credentials may read, 0 for the others: counting those would
     * end the plan at the first of them, while {@link #check} reports all of them.
     */
    public Planner.RowCounter readableOnly(Planner.RowCounter counter) {
        return table -> sourceRead(table).isEmpty() ? counter.count(table) : 0;
    }

    /** {@code plan} with one more error per side and table that lacks a privilege; the plan itself when none does. */
    public Plan check(Plan plan) throws SQLException {
        List<String> problems = problems(plan);
        if (problems.isEmpty()) {
            return plan;
        }
        List<String> errors = new ArrayList<>(plan.errors());
        errors.addAll(problems);
        return new Plan(plan.apps(), plan.deferred(), plan.wipes(), plan.warnings(), List.copyOf(errors));
    }

    /** The error lines: the source's tables, then the target's, each side in plan order. */
    public List<String> problems(Plan plan) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (TableAccess access : TableAccess.source(plan)) {
            lines.addAll(lines("source", access, sourceRead(access.table())));
        }
        for (TableAccess access : TableAccess.target(plan)) {
            lines.addAll(lines("target", access, targetDialect.missingRights(target, access.table(),
                    access.identifier(), access.rights())));
        }
        return lines;
    }

    private List<MissingRight> sourceRead(String table) throws SQLException {
        List<MissingRight> missing = sourceReads.get(table);
        if (missing == null) {
            missing = sourceDialect.missingRights(source, table, null, Set.of(Right.SELECT));
            sourceReads.put(table, missing);
        }
        return missing;
    }

    /**
     * {@code side: no A, B on TABLE (label)} for the privileges on the table (sorted, each once), then
     * {@code side: no P on OBJECT of TABLE (label)} for each privilege on another object.
     */
    static List<String> lines(String side, TableAccess access, List<MissingRight> missing) {
        String table = access.table() + (access.label() == null ? "" : " (" + access.label() + ")");
        List<String> onTable = missing.stream().filter(m -> m.object() == null).map(MissingRight::privilege)
                .distinct().sorted().toList();
        List<String> lines = new ArrayList<>();
        if (!onTable.isEmpty()) {
            lines.add(side + ": no " + String.join(", ", onTable) + " on " + table);
        }
        missing.stream().filter(m -> m.object() != null).distinct().forEach(m -> lines.add(side + ": no "
                + m.privilege() + " on " + m.object() + " of " + table));
        return lines;
    }
}
