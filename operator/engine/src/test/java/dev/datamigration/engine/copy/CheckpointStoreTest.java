package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.MigrationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    @Test
    void fileStoreRoundTripsTheWipeAndEveryEntityStep() {
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("sub/cp.properties"));
        assertThat(store.load("Sales").wipeDone()).isFalse();
        Checkpoint c = new Checkpoint("Sales");
        c.markWipeDone();
        c.mark("m*a", Checkpoint.Step.VERIFIED, 3, "00ff");
        c.mark("m*b", Checkpoint.Step.COPIED, 7, null);
        store.save(c);
        Checkpoint loaded = store.load("Sales");
        assertThat(loaded.wipeDone()).isTrue();
        assertThat(loaded.entity("m*a")).isEqualTo(new Checkpoint.EntityEntry(Checkpoint.Step.VERIFIED, 3, "00ff"));
        assertThat(loaded.entity("m*b")).isEqualTo(new Checkpoint.EntityEntry(Checkpoint.Step.COPIED, 7, null));
    }

    @Test
    void aCheckpointOfAnotherAppIsRefused() {
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("cp.properties"));
        store.save(new Checkpoint("Sales"));
        assertThatThrownBy(() -> store.load("Crm")).isInstanceOf(MigrationException.class)
                .hasMessageEndingWith("belongs to app Sales, not Crm");
    }

    @Test
    void inMemoryStoreKeepsACopy() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        Checkpoint c = new Checkpoint("Sales");
        store.save(c);
        c.markWipeDone();
        assertThat(store.load("Sales").wipeDone()).isFalse();
    }
}
