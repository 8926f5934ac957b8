package dev.datamigration.engine.plan;

import java.util.List;

/**
 * How {@code existingData: Replace} empties one app's target data: OSEVT event tables first (so BPT triggers find
 * no subscription), then optional cycle references cleared, then tables deleted in reverse reference order. The
 * tables include in-scope entities of other apps that reference the app's entities (their Job re-copies them).
 * {@code blockers} are entities outside the scope whose constrained references would block the delete if they hold
 * values: the wipe checks them first and fails naming them.
 */
public record WipePlan(List<String> eventTables, List<ClearColumn> clearColumns, List<String> deleteOrder,
                       List<Blocker> blockers) {

    /** A reference column set to NULL before the deletes (it closes a cycle). */
    public record ClearColumn(String table, String column) {
    }

    /** An out-of-scope entity's reference into the wiped tables. */
    public record Blocker(String label, String attribute, String table, String column, String referencedLabel) {
    }
}
