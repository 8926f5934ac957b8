package dev.datamigration.engine.mask;

import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.Values;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * {@code Hash} for Integer (32-bit) and Long Integer (64-bit) attributes: a keyed permutation of the attribute's
 * range (a balanced Feistel network whose round function is the HMAC), so every value maps to another value of the
 * same width, equal stays equal and, as a permutation, distinct always stays distinct. The value keeps the target
 * column's kind (an Oracle NUMBER column carries it as a decimal).
 */
final class IntegerHashMasker implements Masker {

    /** Luby-Rackoff: four rounds make a strong pseudo-random permutation; six leave a margin. */
    private static final int ROUNDS = 6;

    private final MaskingKey key;
    private final int bits;
    private final ValueKind kind;
    private final byte[] domain;

    IntegerHashMasker(MaskingKey key, int bits, ValueKind kind) {
        if (bits != 32 && bits != 64) {
            throw new IllegalArgumentException("bits: " + bits);
        }
        this.key = key;
        this.bits = bits;
        this.kind = kind;
        this.domain = ("hash/int" + bits).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public MaskStrategy strategy() {
        return MaskStrategy.HASH;
    }

    @Override
    public Object mask(Object value) {
        long input = value instanceof Long l ? l : ((BigDecimal) Values.convert(value, ValueKind.DECIMAL))
                .longValueExact();
        if (bits == 32 && (input < Integer.MIN_VALUE || input > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("value " + input + " does not fit a 32-bit Integer");
        }
        return Values.convert(permute(input), kind);
    }

    /** The Feistel permutation of the {@code bits}-wide two's-complement value. */
    long permute(long input) {
        int half = bits / 2;
        long halfMask = half == 32 ? 0xffff_ffffL : (1L << half) - 1;
        long left = (input >>> half) & halfMask;
        long right = input & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            long next = left ^ (round(round, right) & halfMask);
            left = right;
            right = next;
        }
        long out = (left << half) | right;
        return bits == 32 ? (int) out : out;
    }

    private long round(int round, long half) {
        byte[] in = new byte[] {(byte) round, (byte) (half >>> 24), (byte) (half >>> 16), (byte) (half >>> 8),
                (byte) half};
        byte[] digest = key.hmac(domain, in);
        long f = 0;
        for (int i = 0; i < 4; i++) {
            f = (f << 8) | (digest[i] & 0xff);
        }
        return f;
    }
}
