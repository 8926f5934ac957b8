package dev.datamigration.engine;

import java.util.ArrayList;
import java.util.List;

/** Cuts an integer identifier's span into key ranges read at once (parallel streams, parallel verification). */
public final class KeyRanges {

    private KeyRanges() {
    }

    /**
     * Ranges {@code [from, to)} covering {@code [min, max]} in at most {@code parts} equal parts (fewer when the span
     * is narrower than that).
     */
    public static List<long[]> split(long min, long max, int parts) {
        long high = max + 1;
        long width = Math.max(1, (high - min + parts - 1) / parts);
        List<long[]> ranges = new ArrayList<>();
        for (long from = min; from < high; from += width) {
            ranges.add(new long[] {from, Math.min(high, from + width)});
        }
        return ranges;
    }
}
