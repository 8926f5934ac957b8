package dev.datamigration.engine.mask;

import java.nio.charset.StandardCharsets;

/** {@code Hash} for binary data: the 32-byte keyed HMAC of the content. An empty value stays empty. */
final class BinaryHashMasker implements Masker {

    private static final byte[] DOMAIN = "hash/binary".getBytes(StandardCharsets.US_ASCII);

    private final MaskingKey key;

    BinaryHashMasker(MaskingKey key) {
        this.key = key;
    }

    @Override
    public MaskStrategy strategy() {
        return MaskStrategy.HASH;
    }

    @Override
    public Object mask(Object value) {
        byte[] bytes = (byte[]) value;
        return bytes.length == 0 ? bytes : key.hmac(DOMAIN, bytes);
    }
}
