package dev.datamigration.engine.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A {@link CheckpointStore} in a file ({@link CheckpointCodec} text), written to a temporary file and moved into place
 * (atomic on POSIX file systems), so a kill leaves the previous or the new checkpoint.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private final Path file;

    public FileCheckpointStore(Path file) {
        this.file = file;
    }

    @Override
    public Checkpoint load(String app) {
        if (!Files.exists(file)) {
            return new Checkpoint(app);
        }
        try {
            return CheckpointCodec.decode(app, Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, CheckpointCodec.encode(checkpoint), StandardCharsets.UTF_8);
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
