package dev.datamigration.engine.copy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.sync.SyncCounts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

/**
 * A copy run in its own JVM, so a test can kill it for real. Args: source URL, target URL, app, checkpoint file, and
 * optionally {@code sync} for existingData Sync.
 * Credentials come from the environment (DM_USER, DM_PASSWORD). Prints one line per progress event and flushes.
 */
public final class CopyChild {

    private CopyChild() {
    }

    public static void main(String[] args) throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", System.getenv("DM_USER"));
        credentials.setProperty("password", System.getenv("DM_PASSWORD"));
        try (Connection source = DriverManager.getConnection(args[0], credentials);
             Connection target = DriverManager.getConnection(args[1], credentials)) {
            Engine.copy(CopyRequest.of(source, target, List.of(args[2]), args[2])
                    .withOptions(CopyOptions.defaults().withBatchSize(5_000)
                            .withSync(args.length > 4 && args[4].equals("sync")))
                    .withCheckpoints(new FileCheckpointStore(Path.of(args[3]))).withListener(new ProgressListener() {
                        @Override
                        public void entityStarted(EntityPlan entity, long sourceRows) {
                            say("started " + entity.name());
                        }

                        @Override
                        public void rowsCopied(EntityPlan entity, long rows) {
                            say("rows " + entity.name() + " " + rows);
                        }

                        @Override
                        public void entitySynced(EntityPlan entity, SyncCounts counts) {
                            say("synced " + entity.name() + " inserted=" + counts.inserted() + " updated="
                                    + counts.updated() + " deleted=" + counts.deleted() + " rewritten="
                                    + counts.rangesRewritten());
                        }

                        @Override
                        public void entityCopied(EntityPlan entity, long rows, long millis) {
                            say("copied " + entity.name() + " " + rows);
                        }

                        @Override
                        public void entityVerified(EntityPlan entity, long rows, String hash, long millis) {
                            say("verified " + entity.name() + " " + rows);
                        }
                    }));
            say("done");
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
