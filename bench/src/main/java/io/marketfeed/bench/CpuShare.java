package io.marketfeed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much of the machine other processes used while a section ran: the busy time of all CPUs ({@code /proc/stat})
 * minus this JVM's and its finished children's CPU time ({@code /proc/self/stat}: the runner, the scale simulator
 * and the JMH forks are all waited for). A bench on 2 shared cores is only as good as its quiet; this says how
 * quiet it was. Linux only; elsewhere it says nothing.
 */
public final class CpuShare {

    private final long[] machine; // busy, total (ticks)
    private final long own; // ticks

    private CpuShare(long[] machine, long own) {
        this.machine = machine;
        this.own = own;
    }

    /** A reading now; null when /proc is not there. */
    public static CpuShare now() {
        long[] machine = machine();
        long own = own();
        return machine == null || own < 0 ? null : new CpuShare(machine, own);
    }

    /**
     * What happened since {@code start}: {@code other processes 12 % of the CPUs, this bench 85 %}, or empty when
     * unknown.
     */
    public static String since(CpuShare start) {
        CpuShare end = now();
        if (start == null || end == null) {
            return "";
        }
        long total = end.machine[1] - start.machine[1];
        if (total <= 0) {
            return "";
        }
        long busy = end.machine[0] - start.machine[0];
        long ownTicks = end.own - start.own;
        long steal = end.machine[2] - start.machine[2];
        double other = Math.max(0, busy - ownTicks) * 100.0 / total;
        double mine = Math.min(busy, ownTicks) * 100.0 / total;
        return String.format(Locale.ROOT, "CPU while it ran: this bench %.0f %%, other processes %.0f %%%s of %d cores",
                mine, other, steal * 100.0 / total >= 1 ? String.format(Locale.ROOT, ", stolen %.0f %%",
                        steal * 100.0 / total) : "", Runtime.getRuntime().availableProcessors());
    }

    /** {busy, total, steal} ticks of all CPUs. */
    private static long[] machine() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
            long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
            long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq;
            return new long[] {busy, busy + idle + iowait + steal, steal};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime + cutime + cstime of this process, in ticks; -1 if unknown. */
    private static long own() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state); utime is field 14
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
