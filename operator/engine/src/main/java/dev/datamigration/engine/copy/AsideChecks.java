package dev.datamigration.engine.copy;

import dev.datamigration.engine.Abandon;
import dev.datamigration.engine.Await;
import dev.datamigration.engine.ConnectionFactory;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.sync.EntitySync;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an entity's dangling-reference check (a scan of the source that only produces warnings) on a source connection
 * of its own while the entity loads, instead of before: the check joins the app's read snapshot, so it sees what the
 * load reads. Without a factory for further source connections, the check runs on the lane, before the load. A Sync
 * that hashes the source in SQL counts the dangling references in that scan instead
 * ({@link EntitySync#countsDanglingReferences}).
 */
final class AsideChecks implements AutoCloseable {

    private final ConnectionFactory sources;
    private final Dialect dialect;
    private final Remaps remaps;
    private final String snapshot;
    private final ExecutorService threads;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    /** existingData Sync: entities whose Sync counts their dangling references in its own scan need no check. */
    private final boolean sync;

    AsideChecks(ConnectionFactory sources, Dialect dialect, Remaps remaps, String snapshot, boolean sync) {
        this.sync = sync;
        this.sources = sources;
        this.dialect = dialect;
        this.remaps = remaps;
        this.snapshot = snapshot;
        this.threads = sources == ConnectionFactory.NONE ? null : Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "copy-checks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the check of {@code entity}: on its own connection, or at once on {@code lane}. */
    Future<List<String>> start(EntityPlan entity, Plan plan, Lane lane) throws SQLException {
        if (!ReferenceChecks.checksReferences(entity, plan)
                || sync && EntitySync.countsDanglingReferences(entity, dialect, remaps)) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (threads == null) {
            return CompletableFuture.completedFuture(lane.checks.danglingReferences(entity, plan));
        }
        return threads.submit(() -> {
            try (Connection connection = sources.open()) {
                opened.add(connection);
                try {
                    dialect.importSnapshot(connection, snapshot);
                    return new ReferenceChecks(connection, dialect, remaps).danglingReferences(entity, plan);
                } finally {
                    opened.remove(connection);
                }
            }
        });
    }

    /** The warnings of a started check; its failure is thrown as it was. */
    static List<String> await(Future<List<String>> check, EntityPlan entity) throws SQLException {
        return Await.result(check, "checking " + entity.label());
    }

    /** Stops the checks still running: closing their connections ends their reads. */
    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
        Abandon.all(opened);
    }
}
