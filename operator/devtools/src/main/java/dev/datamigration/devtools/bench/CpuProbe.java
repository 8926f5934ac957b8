package dev.datamigration.devtools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used during a measured step: this JVM's CPU time (every thread), and the host's busy share from
 * {@code /proc/stat} (all processes: the database backends, this JVM and whatever else runs on the machine). On a
 * shared host the busy share shows how much of a step's wall time other work took.
 */
public final class CpuProbe {

    /** One step's CPU: JVM CPU nanoseconds and the host's busy share (0..1), or -1 when the host figure is unknown. */
    public record Usage(long jvmNanos, double hostBusy) {
    }

    private static final Path PROC_STAT = Path.of("/proc/stat");
    private final com.sun.management.OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(
            com.sun.management.OperatingSystemMXBean.class);
    private long jvmStart;
    private long[] hostStart;

    void start() {
        jvmStart = os.getProcessCpuTime();
        hostStart = hostTicks();
    }

    Usage stop() {
        long jvm = os.getProcessCpuTime() - jvmStart;
        long[] host = hostTicks();
        double busy = -1;
        if (hostStart != null && host != null && host[0] > hostStart[0]) {
            long total = host[0] - hostStart[0];
            long idle = host[1] - hostStart[1];
            busy = 1.0 - (double) idle / total;
        }
        return new Usage(jvm, busy);
    }

    /** {total, idle + iowait} ticks of all CPUs, or null where /proc/stat is not readable. */
    private static long[] hostTicks() {
        try {
            String first = Files.readAllLines(PROC_STAT, StandardCharsets.US_ASCII).get(0);
            String[] fields = first.trim().split("\\s+");
            long total = 0;
            // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
