package dev.datamigration.engine.mask;

/** How one attribute is masked; the names are the CRD's ({@code Hash}, {@code Email}, {@code Redact}, {@code Default}). */
public enum MaskStrategy {
    /** A keyed, deterministic pseudonym of the same type: equal inputs stay equal, distinct ones distinct. */
    HASH("Hash"),
    /** A keyed, deterministic, unique address {@code u<20 letters>@example.invalid}. */
    EMAIL("Email"),
    /** A fixed marker for text; NULL for other types, and only where the attribute is optional. */
    REDACT("Redact"),
    /** The attribute's type default ('' , 0, false, NullDate, empty binary). */
    DEFAULT("Default");

    private final String display;

    MaskStrategy(String display) {
        this.display = display;
    }

    /** The CRD's name of the strategy. */
    public String display() {
        return display;
    }

    /** Parses the CRD's name (case-insensitive). */
    public static MaskStrategy parse(String name) {
        for (MaskStrategy s : values()) {
            if (s.display.equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown masking strategy " + name + " (Hash, Email, Redact or Default)");
    }
}
