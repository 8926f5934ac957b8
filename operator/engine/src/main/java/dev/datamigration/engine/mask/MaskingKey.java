package dev.datamigration.engine.mask;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The migration's masking key (the Secret named by {@code spec.maskingKeySecret}, key {@code key}): the HMAC-SHA256
 * key of every keyed strategy. The same key gives the same masked values on every refresh; another key changes all
 * of them. Never printed.
 */
public final class MaskingKey {

    /** Shorter keys are refused: HMAC-SHA256's security rests on the key's entropy. */
    public static final int MIN_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /** Mac instances are not thread-safe; streams and lanes mask on threads of their own. */
    private final ThreadLocal<Mac> macs;

    private MaskingKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The key from the Secret's bytes (surrounding whitespace of a file written by hand is not part of it). */
    public static MaskingKey of(byte[] secret) {
        byte[] bytes = trim(secret);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the masking key has " + bytes.length + " bytes; at least " + MIN_BYTES
                    + " are needed (e.g. openssl rand -base64 32)");
        }
        return new MaskingKey(bytes);
    }

    /** HMAC-SHA256 of {@code parts}, each length-prefixed so that no two different part lists collide. */
    byte[] hmac(byte[]... parts) {
        Mac mac = macs.get();
        for (byte[] part : parts) {
            int n = part.length;
            mac.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            mac.update(part);
        }
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    private static byte[] trim(byte[] secret) {
        int from = 0;
        int to = secret.length;
        while (from < to && Character.isWhitespace(secret[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(secret[to - 1])) {
            to--;
        }
        return Arrays.copyOfRange(secret, from, to);
    }

    @Override
    public String toString() {
        return "MaskingKey[redacted]";
    }
}
