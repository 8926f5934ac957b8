package dev.datamigration.api.v1alpha1;

/** How one attribute is masked in flight. */
public enum MaskingStrategy {
    /** A deterministic pseudonym: the same input always gives the same output, so joins on it still work. */
    Hash,
    /** The attribute's type default ('' for text, 0, false, 1900-01-01, empty binary). */
    Default,
    /** A fixed placeholder text. */
    Redact,
    /** A deterministic, syntactically valid address under example.invalid. */
    Email
}
