package dev.datamigration.engine.plan;

import dev.datamigration.engine.dialect.Right;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table the copy of a {@link Plan} reads or writes, and what it does to it: the input of {@link RightsCheck}.
 * {@code label} names the entity ("App.Entity") where the plan knows it, else null; {@code identifier} is the column
 * whose identity the load keeps and reseeds (with {@link Right#IDENTITY}), else null.
 */
public record TableAccess(String table, String label, String identifier, Set<Right> rights) {

    /** Every source entity table: loads, second passes, reference checks and verification read them. */
    public static List<TableAccess> source(Plan plan) {
        Tables tables = new Tables();
        for (AppPlan app : plan.apps()) {
            for (EntityPlan e : app.entities()) {
                tables.add(e.sourceTable(), e.label(), null, Right.SELECT);
            }
        }
        return tables.list();
    }

    /**
     * What the copy does in the target (copy/AppCopier, Wiper, EntityLoader, EntityVerifier): each entity's table is
     * deleted, loaded with its ids kept and reseeded, and read back by verification; tables owning a reference set in
     * a second pass are updated; the Replace wipe deletes its tables and OSEVT event tables, clears cycle references
     * (an UPDATE that reads the column) and counts the references of the entities outside the scope that would block
     * it.
     */
    public static List<TableAccess> target(Plan plan) {
        Tables tables = new Tables();
        Map<String, String> events = new LinkedHashMap<>();
        for (AppPlan app : plan.apps()) {
            for (EntityPlan e : app.entities()) {
                tables.add(e.targetTable(), e.label(), e.identifier().target().name(), Right.SELECT, Right.DELETE,
                        Right.INSERT, Right.IDENTITY);
                if (e.targetEventTable() != null) {
                    events.put(e.targetEventTable(), "events of " + e.label());
                }
            }
        }
        for (DeferredReference d : plan.deferred()) {
            plan.entity(d.owner()).ifPresent(owner -> tables.add(owner.targetTable(), owner.label(), null,
                    Right.UPDATE));
        }
        for (WipePlan wipe : plan.wipes().values()) {
            for (String event : wipe.eventTables()) {
                tables.add(event, events.get(event), null, Right.DELETE);
            }
            for (WipePlan.ClearColumn clear : wipe.clearColumns()) {
                tables.add(clear.table(), null, null, Right.SELECT, Right.UPDATE);
            }
            for (String table : wipe.deleteOrder()) {
                tables.add(table, null, null, Right.DELETE);
            }
            for (WipePlan.Blocker blocker : wipe.blockers()) {
                tables.add(blocker.table(), blocker.label(), null, Right.SELECT);
            }
        }
        return tables.list();
    }

    /** Tables in the order first met, each with the union of what is done to it. */
    private static final class Tables {

        private final Map<String, TableAccess> byName = new LinkedHashMap<>();

        void add(String table, String label, String identifier, Right... rights) {
            TableAccess known = byName.get(table);
            Set<Right> all = EnumSet.of(rights[0], rights);
            if (known != null) {
                all.addAll(known.rights());
                label = known.label() != null ? known.label() : label;
                identifier = known.identifier() != null ? known.identifier() : identifier;
            }
            byName.put(table, new TableAccess(table, label, identifier, Collections.unmodifiableSet(all)));
        }

        List<TableAccess> list() {
            return List.copyOf(new ArrayList<>(byName.values()));
        }
    }
}
