package dev.datamigration.engine.mask;

/** Every value becomes one constant: {@code Default}'s type default, {@code Redact}'s marker or NULL. */
final class FixedMasker implements Masker {

    private final MaskStrategy strategy;
    private final Object value;

    FixedMasker(MaskStrategy strategy, Object value) {
        this.strategy = strategy;
        this.value = value;
    }

    @Override
    public MaskStrategy strategy() {
        return strategy;
    }

    @Override
    public Object mask(Object ignored) {
        return value;
    }
}
