package dev.datamigration.engine.mask;

import java.nio.charset.StandardCharsets;

/**
 * {@code Hash} for text: 20 base32 letters of the keyed HMAC of the exact text (100 bits: distinct inputs stay distinct
 * short of a 2^-50 chance among a quadrillion values). The same text gives the same letters in every column, so a
 * join on a hashed attribute still matches. '' stays '' (it holds no data).
 */
final class TextHashMasker implements Masker {

    /** The output length; the plan refuses Hash on text attributes shorter than this. */
    static final int LENGTH = 20;
    private static final byte[] DOMAIN = "hash/text".getBytes(StandardCharsets.US_ASCII);

    private final MaskingKey key;

    TextHashMasker(MaskingKey key) {
        this.key = key;
    }

    @Override
    public MaskStrategy strategy() {
        return MaskStrategy.HASH;
    }

    @Override
    public Object mask(Object value) {
        String text = (String) value;
        if (text.isEmpty()) {
            return text;
        }
        return Base32.letters(key.hmac(DOMAIN, text.getBytes(StandardCharsets.UTF_8)), LENGTH);
    }
}
