package dev.datamigration.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes each document key to its own file (atomically: a temporary file moved into place). */
final class FileProgressSink implements ProgressSink {

    private final Map<String, Path> files;

    /** @param files document key -> file; keys without a file are ignored */
    public FileProgressSink(Map<String, Path> files) {
        this.files = Map.copyOf(files);
    }

    @Override
    public void write(Map<String, String> documents) {
        documents.forEach((key, text) -> {
            Path file = files.get(key);
            if (file != null) {
                writeAtomically(file, text);
            }
        });
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
