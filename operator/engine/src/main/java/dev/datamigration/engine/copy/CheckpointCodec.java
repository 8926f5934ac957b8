package dev.datamigration.engine.copy;

import dev.datamigration.engine.MigrationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The text form of a {@link Checkpoint} (Java properties): {@code app}, {@code wipe=done},
 * {@code entity.<key>=<STEP>;<rows>;<hash>}. Shared by every store (a file, a ConfigMap key).
 */
public final class CheckpointCodec {

    private CheckpointCodec() {
    }

    public static String encode(Checkpoint checkpoint) {
        Properties p = new Properties();
        p.setProperty("app", checkpoint.app());
        if (checkpoint.wipeDone()) {
            p.setProperty("wipe", "done");
        }
        checkpoint.entities().forEach((key, e) -> p.setProperty("entity." + key,
                e.step() + ";" + e.rows() + ";" + (e.hash() == null ? "" : e.hash())));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "datamigration checkpoint");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Decodes {@code text} (null or empty: a fresh checkpoint); fails when it belongs to another app. */
    public static Checkpoint decode(String app, String text, String where) {
        Checkpoint checkpoint = new Checkpoint(app);
        if (text == null || text.isBlank()) {
            return checkpoint;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!app.equals(p.getProperty("app"))) {
            throw MigrationException.permanent("checkpoint " + where + " belongs to app " + p.getProperty("app")
                    + ", not " + app);
        }
        if ("done".equals(p.getProperty("wipe"))) {
            checkpoint.markWipeDone();
        }
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            if (name.startsWith("entity.")) {
                String[] parts = p.getProperty(name).split(";", 3);
                checkpoint.mark(name.substring("entity.".length()), Checkpoint.Step.valueOf(parts[0]),
                        Long.parseLong(parts[1]), parts[2].isEmpty() ? null : parts[2]);
            }
        }
        return checkpoint;
    }
}
