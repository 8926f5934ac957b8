package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.RowHashSink;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3 x64 128-bit (Austin Appleby's public-domain algorithm), seed 0, written here from the algorithm's
 * description: a fast non-cryptographic hash for verification row hashes. Its output is the pair (h1, h2), which is
 * what the reference implementation stores as the first and second 64-bit word. It detects copy errors; it is not a
 * security hash.
 */
final class Murmur3x64 {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Murmur3x64() {
    }

    /** Hashes {@code data[from, to)} and hands both words to {@code sink}. */
    static void hash(byte[] data, int from, int to, RowHashSink sink) {
        long h1 = 0;
        long h2 = 0;
        int length = to - from;
        int blocksEnd = from + (length & ~15);
        for (int p = from; p < blocksEnd; p += 16) {
            long k1 = (long) LONG_LE.get(data, p);
            long k2 = (long) LONG_LE.get(data, p + 8);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = length & 15;
        if (tail > 8) {
            long k2 = 0;
            for (int i = tail - 1; i >= 8; i--) {
                k2 = (k2 << 8) | (data[blocksEnd + i] & 0xFFL);
            }
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
        }
        if (tail > 0) {
            long k1 = 0;
            for (int i = Math.min(tail, 8) - 1; i >= 0; i--) {
                k1 = (k1 << 8) | (data[blocksEnd + i] & 0xFFL);
            }
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        sink.add(h1, h2);
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
