package dev.datamigration.engine.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.dialect.ValueKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The strategies, against an HMAC computed here with the JDK alone (not through the masking code). */
class MaskersTest {

    private static final byte[] KEY_BYTES = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final MaskingKey KEY = MaskingKey.of(KEY_BYTES);
    private static final MaskingKey OTHER_KEY = MaskingKey.of("another key of 32 bytes, rotated!".getBytes(
            StandardCharsets.US_ASCII));

    /** HMAC-SHA256 over length-prefixed parts, computed independently. */
    private static byte[] hmac(String domain, byte[] value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY_BYTES, "HmacSHA256"));
        byte[] d = domain.getBytes(StandardCharsets.US_ASCII);
        mac.update(ByteBuffer.allocate(4).putInt(d.length).array());
        mac.update(d);
        mac.update(ByteBuffer.allocate(4).putInt(value.length).array());
        mac.update(value);
        return mac.doFinal();
    }

    /** RFC 4648 base32 in lower case, written out bit by bit. */
    private static String base32(byte[] bytes, int letters) {
        StringBuilder bits = new StringBuilder();
        for (byte b : bytes) {
            bits.append(String.format("%8s", Integer.toBinaryString(b & 0xff)).replace(' ', '0'));
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < letters; i++) {
            out.append("abcdefghijklmnopqrstuvwxyz234567".charAt(Integer.parseInt(bits.substring(i * 5, i * 5 + 5),
                    2)));
        }
        return out.toString();
    }

    @Test
    void textHashIsTheKeyedHmacIn20Base32Letters() throws Exception {
        Masker hash = new TextHashMasker(KEY);
        String expected = base32(hmac("hash/text", "Ana Lúcia Gonçalves".getBytes(StandardCharsets.UTF_8)), 20);
        assertThat(hash.mask("Ana Lúcia Gonçalves")).isEqualTo(expected);
        assertThat((String) hash.mask("Ana Lúcia Gonçalves")).hasSize(20).matches("[a-z2-7]{20}");
        assertThat(hash.mask("ana lúcia gonçalves")).isNotEqualTo(expected);
        assertThat(hash.mask("")).isEqualTo("");
        assertThat(new TextHashMasker(OTHER_KEY).mask("Ana Lúcia Gonçalves")).isNotEqualTo(expected);
    }

    @Test
    void emailIsAUniqueAddressUnderExampleInvalidIgnoringCase() throws Exception {
        Masker email = new EmailMasker(KEY);
        String expected = "u" + base32(hmac("email", "ana@corp.example.com".getBytes(StandardCharsets.UTF_8)), 20)
                + "@example.invalid";
        assertThat(email.mask("Ana@Corp.Example.com ")).isEqualTo(expected);
        assertThat(email.mask("ana@corp.example.com")).isEqualTo(expected);
        assertThat((String) expected).hasSize(EmailMasker.LENGTH).matches("u[a-z2-7]{20}@example\\.invalid");
        assertThat(email.mask("bob@corp.example.com")).isNotEqualTo(expected);
        assertThat(email.mask("")).isEqualTo("");
        assertThat(new EmailMasker(OTHER_KEY).mask("ana@corp.example.com")).isNotEqualTo(expected);
    }

    @Test
    void binaryHashIsTheHmacOfTheContent() throws Exception {
        byte[] photo = {1, 2, 3, 4, (byte) 0xff};
        assertThat((byte[]) new BinaryHashMasker(KEY).mask(photo)).isEqualTo(hmac("hash/binary", photo));
        assertThat((byte[]) new BinaryHashMasker(KEY).mask(new byte[0])).isEmpty();
    }

    @Test
    void integerHashIsAPermutationOfThe32BitRange() {
        IntegerHashMasker hash = new IntegerHashMasker(KEY, 32, ValueKind.INTEGER);
        Set<Long> seen = new HashSet<>();
        for (long v = -50_000; v <= 50_000; v++) {
            long masked = (Long) hash.mask(v);
            assertThat(masked).isBetween((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
            assertThat(seen.add(masked)).as("collision at %d", v).isTrue();
        }
        long max = (Long) hash.mask((long) Integer.MAX_VALUE);
        long min = (Long) hash.mask((long) Integer.MIN_VALUE);
        assertThat(max).isNotEqualTo(min).isBetween((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
        assertThat(hash.mask(42L)).isEqualTo(hash.mask(42L));
        assertThat(new IntegerHashMasker(OTHER_KEY, 32, ValueKind.INTEGER).mask(42L)).isNotEqualTo(hash.mask(42L));
        assertThatThrownBy(() -> hash.mask(1L << 40)).hasMessageContaining("does not fit a 32-bit Integer");
    }

    @Test
    void longIntegerHashIsAPermutationOfThe64BitRangeAndKeepsTheColumnsKind() {
        IntegerHashMasker hash = new IntegerHashMasker(KEY, 64, ValueKind.INTEGER);
        Set<Long> seen = new HashSet<>();
        for (long v = 9_000_000_000L; v < 9_000_050_000L; v++) {
            assertThat(seen.add((Long) hash.mask(v))).isTrue();
        }
        IntegerHashMasker oracleNumber = new IntegerHashMasker(KEY, 64, ValueKind.DECIMAL);
        assertThat(oracleNumber.mask(new BigDecimal("9000000000")))
                .isEqualTo(BigDecimal.valueOf((Long) hash.mask(9_000_000_000L)));
    }

    @Test
    void shortOrBlankKeysAreRefusedAndTheKeyIsNeverPrinted() {
        assertThatThrownBy(() -> MaskingKey.of("short key\n".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("the masking key has 9 bytes; at least 16 are needed (e.g. openssl rand -base64 32)");
        assertThat(KEY.toString()).isEqualTo("MaskingKey[redacted]");
        assertThat(MaskingKey.of(("  " + new String(KEY_BYTES, StandardCharsets.US_ASCII) + "\n")
                .getBytes(StandardCharsets.US_ASCII)).hmac(new byte[] {1})).isEqualTo(KEY.hmac(new byte[] {1}));
    }
}
