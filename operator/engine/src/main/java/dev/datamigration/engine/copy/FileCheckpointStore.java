package dev.datamigration.engine.copy;

import dev.datamigration.engine.MigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@link CheckpointStore} in a properties file, written to a temporary file and moved into place (atomic on POSIX
 * file systems). Keys: {@code app}, {@code wipe=done}, {@code entity.<key>=<STEP>;<rows>;<hash>}.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private final Path file;

    public FileCheckpointStore(Path file) {
        this.file = file;
    }

    @Override
    public Checkpoint load(String app) {
        Checkpoint checkpoint = new Checkpoint(app);
        if (!Files.exists(file)) {
            return checkpoint;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        if (!app.equals(p.getProperty("app"))) {
            throw MigrationException.permanent("checkpoint " + file + " belongs to app " + p.getProperty("app")
                    + ", not " + app);
        }
        if ("done".equals(p.getProperty("wipe"))) {
            checkpoint.markWipeDone();
        }
        for (String name : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
            if (name.startsWith("entity.")) {
                String[] parts = p.getProperty(name).split(";", 3);
                checkpoint.mark(name.substring("entity.".length()), Checkpoint.Step.valueOf(parts[0]),
                        Long.parseLong(parts[1]), parts[2].isEmpty() ? null : parts[2]);
            }
        }
        return checkpoint;
    }

    @Override
    public void save(Checkpoint checkpoint) {
        Properties p = new Properties();
        p.setProperty("app", checkpoint.app());
        if (checkpoint.wipeDone()) {
            p.setProperty("wipe", "done");
        }
        checkpoint.entities().forEach((key, e) -> p.setProperty("entity." + key,
                e.step() + ";" + e.rows() + ";" + (e.hash() == null ? "" : e.hash())));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "datamigration checkpoint");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }
}
