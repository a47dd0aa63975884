package org.triax.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this process between {@link #start} and {@link Usage stop}, split by thread role
 * (ThreadMXBean's per-thread CPU time, user + system): the bench's client threads (named
 * {@link #CLIENT}..., with the JDK HTTP clients' own threads), every other Java thread (the
 * server: Jetty's and the studio's), and the rest of the process (garbage collector, JIT
 * compiler, native threads; and threads that ended in between) as the process's CPU time less
 * the Java threads'.
 */
final class CpuMeter {
    /** Name prefix of the bench's client threads. */
    static final String CLIENT = "bench-client-";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before;
    private final long processBefore;

    /** CPU milliseconds per role. */
    record Usage(double clientMs, double serverMs, double otherMs, double processMs) {
    }

    private CpuMeter(Map<Long, Long> before, long processBefore) {
        this.before = before;
        this.processBefore = processBefore;
    }

    static CpuMeter start() {
        return new CpuMeter(threadTimes(), processCpuNanos());
    }

    Usage stop() {
        long process = processCpuNanos() - processBefore;
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
        return new Usage(client / 1e6, server / 1e6, Math.max(0, process - client - server) / 1e6, process / 1e6);
    }

    /** The bench's threads, java.net.http's selector and workers, HttpURLConnection's keep-alive timer. */
    private static boolean isClient(String name) {
        return name.startsWith(CLIENT) || name.startsWith("HttpClient-") || name.startsWith("Keep-Alive-");
    }

    private static Map<Long, Long> threadTimes() {
        Map<Long, Long> t = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                t.put(id, cpu);
            }
        }
        return t;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
