package org.triax.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this process between {@link #start} and {@link #stop}, split by thread role: the
 * bench's client threads (named {@link #CLIENT}..., with the JDK HTTP clients' own threads) and
 * every other Java thread (the server: Jetty's and the studio's), from ThreadMXBean's per-thread
 * CPU time (user + system); the JVM's own threads, which ThreadMXBean does not list, from Linux's
 * per-thread accounting ({@code /proc/self/task/N/stat}, in clock ticks): the JIT compilers and the
 * VM thread with the garbage collectors (the serial collector runs in the VM thread); and the
 * rest of the process's CPU time (native threads, threads that ended in between). Also the
 * context switches of the process's threads ({@code /proc/self/task/N/status}): a request handed from
 * thread to thread pays the kernel's switch and the cache it evicts each time.
 */
final class CpuMeter {
    /** Name prefix of the bench's client threads. */
    static final String CLIENT = "bench-client-";
    /** Linux's clock ticks per second (USER_HZ): 100 on every Linux architecture the JDK runs on. */
    private static final double TICK_MS = 10;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();
    private final long processBefore;
    private final long[] vmBefore;
    private final long kernelBefore;
    private final long switchesBefore;

    /**
     * CPU milliseconds per role; {@code jitMs} and {@code gcMs} are parts of {@code otherMs};
     * {@code kernelMs}: the part of {@code processMs} spent in the kernel (system calls, loopback TCP);
     * {@code switches}: context switches of the threads alive at the end, voluntary (a thread that
     * waits: for a socket, a lock, work) and involuntary (one that lost its core).
     */
    record Usage(double clientMs, double serverMs, double otherMs, double processMs, double jitMs, double gcMs,
                 double kernelMs, long switches) {
    }

    private CpuMeter() {
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                before.put(id, cpu);
            }
        }
        this.vmBefore = vmTicks();
        this.kernelBefore = kernelTicks();
        this.switchesBefore = contextSwitches();
        this.processBefore = processCpuNanos();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    Usage stop() {
        long process = processCpuNanos() - processBefore;
        long[] vm = vmTicks();
        long client = 0;
        long server = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long now = THREADS.getThreadCpuTime(ids[i]);
            if (now < 0 || infos[i] == null) {
                continue; // ended meanwhile
            }
            long used = now - before.getOrDefault(ids[i], 0L);
            if (isClient(infos[i].getThreadName())) {
                client += used;
            } else {
                server += used;
            }
        }
        return new Usage(client / 1e6, server / 1e6, Math.max(0, process - client - server) / 1e6, process / 1e6,
                (vm[0] - vmBefore[0]) * TICK_MS, (vm[1] - vmBefore[1]) * TICK_MS, (kernelTicks() - kernelBefore) * TICK_MS,
                contextSwitches() - switchesBefore);
    }

    /** The bench's threads, java.net.http's selector and workers, HttpURLConnection's keep-alive timer. */
    private static boolean isClient(String name) {
        return name.startsWith(CLIENT) || name.startsWith("HttpClient-") || name.startsWith("Keep-Alive-");
    }

    /** Clock ticks (user + system) of the JIT compiler threads and of the VM and GC threads; zeros off Linux. */
    private static long[] vmTicks() {
        long[] ticks = new long[2];
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        ticks[0] += used;
                    } else if (name.equals("VM Thread") || name.startsWith("GC Thread")) {
                        ticks[1] += used;
                    }
                } catch (IOException | RuntimeException ended) {
                    // a thread that ended while listed
                }
            });
        } catch (IOException notLinux) {
            // no per-thread accounting: the JVM's share stays in "other"
        }
        return ticks;
    }

    /**
     * Context switches, voluntary and involuntary, summed over the process's threads (those that
     * ended meanwhile are missing: the bench's threads all live to the end); 0 off Linux.
     */
    private static long contextSwitches() {
        long[] sum = new long[1];
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum[0] += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                } catch (IOException | RuntimeException ended) {
                    // a thread that ended while listed
                }
            });
        } catch (IOException notLinux) {
            return 0;
        }
        return sum[0];
    }

    /** The process's system time in clock ticks (field 15 of /proc/self/stat); 0 off Linux. */
    private static long kernelTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[12]);
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
