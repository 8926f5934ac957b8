package dev.datamigration.engine.mask;

/**
 * One masking rule as the user wrote it: application, entity ({@code Entity} or {@code Module.Entity}) and attribute
 * names, matched case-insensitively; {@code *} for the app or the entity matches every one in scope.
 */
public record MaskRule(String app, String entity, String attribute, MaskStrategy strategy) {

    /** The rule as the user wrote it, for messages. */
    public String describe() {
        return app + "/" + entity + "." + attribute + " (" + strategy.display() + ")";
    }
}
