package dev.datamigration.devtools.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints the medians of the rounds: rows/s, MB/s (source table size over time) and ratio to the raw pipe per step,
 * the JVM's CPU time and the host's busy share per step, then the machine-readable last lines {@code copy-ratio}, {@code copy-verify-ratio} and {@code peak-heap-mb}.
 */
public final class BenchReport {

    private BenchReport() {
    }

    public static void print(PrintStream out, BenchRun.Dataset dataset, List<BenchRun.Round> rounds) {
        double raw = median(rounds, r -> r.rawNanos());
        double copy = median(rounds, r -> r.copyNanos());
        double verify = median(rounds, r -> r.verifyNanos());
        double both = median(rounds, r -> r.copyNanos() + r.verifyNanos());
        double copyRatio = median(rounds, r -> (double) r.rawNanos() / r.copyNanos());
        double copyVerifyRatio = median(rounds, r -> (double) (r.copyNanos() + r.verifyNanos()) / r.rawNanos());
        long peak = (long) rounds.stream().mapToLong(BenchRun.Round::peakHeapMib).max().orElse(0);
        long live = (long) rounds.stream().mapToLong(BenchRun.Round::liveHeapMib).max().orElse(0);
        out.printf(Locale.ROOT, "%,d rows, %.1f MB; median of %d round(s); max heap %d MB%n", dataset.rows(),
                dataset.bytes() / 1e6, rounds.size(), HeapProbe.maxMib());
        out.printf(Locale.ROOT, "%-28s %9s %12s %9s %8s%n", "step", "seconds", "rows/s", "MB/s", "vs (a)");
        line(out, "(a) raw binary COPY pipe", raw, dataset, raw);
        line(out, "(b) engine copy", copy, dataset, raw);
        line(out, "    of which BenchRow's load", median(rounds, r -> r.loadNanos()), dataset, raw);
        line(out, "(c) engine verification", verify, dataset, raw);
        line(out, "(b)+(c) copy and verify", both, dataset, raw);
        out.printf(Locale.ROOT, "peak heap during (b)+(c): %d MB (pool peaks, garbage included); live after GC: %d MB%n",
                peak, live);
        out.printf(Locale.ROOT, "JVM CPU: (a) %.2f s, (b)+(c) %.2f s; host busy: (a) %s, (b)+(c) %s%n",
                median(rounds, r -> r.rawCpu().jvmNanos()) / 1e9, median(rounds, r -> r.engineCpu().jvmNanos()) / 1e9,
                percent(median(rounds, r -> r.rawCpu().hostBusy())),
                percent(median(rounds, r -> r.engineCpu().hostBusy())));
        out.printf(Locale.ROOT, "copy-ratio: %.2f%n", copyRatio);
        out.printf(Locale.ROOT, "copy-verify-ratio: %.2f%n", copyVerifyRatio);
        out.printf(Locale.ROOT, "peak-heap-mb: %d%n", peak);
    }

    private static void line(PrintStream out, String step, double nanos, BenchRun.Dataset dataset, double raw) {
        double seconds = nanos / 1e9;
        out.printf(Locale.ROOT, "%-28s %9.2f %,12.0f %9.1f %7.2fx%n", step, seconds, dataset.rows() / seconds,
                dataset.bytes() / 1e6 / seconds, nanos / raw);
    }

    /** The line printed after each round. */
    public static String roundLine(int number, BenchRun.Round round) {
        return String.format(Locale.ROOT, "round %d: (a) %.2f s, (b) %.2f s (load %.2f s), (c) %.2f s, peak heap %d"
                        + " MB; JVM CPU (a) %.2f s, (b)+(c) %.2f s; host busy (a) %s, (b)+(c) %s", number,
                round.rawNanos() / 1e9, round.copyNanos() / 1e9, round.loadNanos() / 1e9, round.verifyNanos() / 1e9,
                round.peakHeapMib(),
                round.rawCpu().jvmNanos() / 1e9, round.engineCpu().jvmNanos() / 1e9,
                percent(round.rawCpu().hostBusy()), percent(round.engineCpu().hostBusy()));
    }

    /** A busy share as a whole percentage, "n/a" when unknown (negative). */
    static String percent(double share) {
        return share < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static double median(List<BenchRun.Round> rounds, ToDoubleFunction<BenchRun.Round> metric) {
        double[] values = rounds.stream().mapToDouble(metric).sorted().toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no rounds");
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
