package dev.datamigration.engine.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Reference vectors of MurmurHash3 x64 128 with seed 0 (as (h1, h2), produced by a widely used independent
 * implementation), covering the empty input, every tail length class (1-15 bytes), whole 16-byte blocks and
 * blocks with tails, and an input hashed in the middle of a larger array.
 */
class Murmur3x64Test {

    private static String hash(byte[] data, int from, int to) {
        StringBuilder out = new StringBuilder();
        Murmur3x64.hash(data, from, to, (h1, h2) -> out.append(String.format("%016x %016x", h1, h2)));
        return out.toString();
    }

    private static String hash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return hash(bytes, 0, bytes.length);
    }

    @Test
    void matchesTheReferenceVectors() {
        assertThat(hash("")).isEqualTo("0000000000000000 0000000000000000");
        assertThat(hash("a")).isEqualTo("85555565f6597889 e6b53a48510e895a");
        assertThat(hash("abc")).isEqualTo("b4963f3f3fad7867 3ba2744126ca2d52");
        assertThat(hash("0123456789abcde")).isEqualTo("a62dd5f6c0bf2351 4fccf50c7c544cf0");
        assertThat(hash("0123456789abcdef")).isEqualTo("4be06d94cf4ad1a7 87c35b5c63a708da");
        assertThat(hash("0123456789abcdef0")).isEqualTo("eb24ae8785a5c075 73fb68b3313128ca");
        assertThat(hash("The quick brown fox jumps over the lazy dog"))
                .isEqualTo("e34bbc7bbc071b6c 7a433ca9c49a9347");
    }

    @Test
    void hashesBinaryInputWithAllByteValuesAndRespectsTheRange() {
        byte[] bytes = new byte[300];
        for (int i = 0; i < 256; i++) {
            bytes[i + 10] = (byte) i;
        }
        assertThat(hash(bytes, 10, 10 + 31)).isEqualTo("053dd3e1a32cd094 9ee59aefb4005490");
        assertThat(hash(bytes, 10, 10 + 33)).isEqualTo("7d41281bfaba4612 55ac8073a7d6a30b");
        assertThat(hash(bytes, 10, 10 + 255)).isEqualTo("03b09a824269589d 85fb67610eedda83");
    }
}
