package dev.datamigration.engine.mask;

/** Lower-case RFC 4648 base32 letters (a-z, 2-7) of a digest's leading bits: safe in any text column and address. */
final class Base32 {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Base32() {
    }

    /** The first {@code chars} letters (5 bits each) of {@code bytes}. */
    static String letters(byte[] bytes, int chars) {
        if (chars * 5 > bytes.length * 8) {
            throw new IllegalArgumentException(chars + " letters need more than " + bytes.length + " bytes");
        }
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            int bit = i * 5;
            int word = ((bytes[bit / 8] & 0xff) << 8) | (bit / 8 + 1 < bytes.length ? bytes[bit / 8 + 1] & 0xff : 0);
            sb.append(ALPHABET[(word >>> (11 - bit % 8)) & 0x1f]);
        }
        return sb.toString();
    }
}
