package dev.datamigration.engine.mask;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code Email}: {@code u<20 base32 letters>@example.invalid}, keyed on the address trimmed and lower-cased, so that
 * addresses differing only in case (one mailbox) stay equal and distinct mailboxes stay distinct. The reserved
 * {@code .invalid} top-level domain (RFC 2606) never delivers mail. '' stays '' (no address).
 */
final class EmailMasker implements Masker {

    static final String DOMAIN_NAME = "example.invalid";
    /** The output length; the plan refuses Email on text attributes shorter than this. */
    static final int LENGTH = 1 + TextHashMasker.LENGTH + 1 + DOMAIN_NAME.length();
    private static final byte[] DOMAIN = "email".getBytes(StandardCharsets.US_ASCII);

    private final MaskingKey key;

    EmailMasker(MaskingKey key) {
        this.key = key;
    }

    @Override
    public MaskStrategy strategy() {
        return MaskStrategy.EMAIL;
    }

    @Override
    public Object mask(Object value) {
        String address = ((String) value).trim().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            return "";
        }
        byte[] digest = key.hmac(DOMAIN, address.getBytes(StandardCharsets.UTF_8));
        return "u" + Base32.letters(digest, TextHashMasker.LENGTH) + "@" + DOMAIN_NAME;
    }
}
