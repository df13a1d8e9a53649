package dev.relayj.control;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The runtime figures the control port shows where the reference shows GHC's: {@code stats-rts}
 * prints {@code getRTSStats} as one {@code show}n record, so this prints the JVM's counterparts
 * (heap, collections, threads, uptime) as one record of the same shape; {@code threads} lists
 * platform threads as the reference lists its threads, "ThreadId n (status) label". Collections
 * are summed over the JVM's collectors as GHC's {@code gcs} and {@code gc_elapsed_ns} count all.
 */
final class JvmRuntime {
    private JvmRuntime() {}

    static String statsLine() {
        Runtime runtime = Runtime.getRuntime();
        long committed = runtime.totalMemory();
        long uptimeMillis = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElse(-1L);
        return "JVMStats {uptime_ms = " + uptimeMillis
                + ", heap_used_bytes = " + (committed - runtime.freeMemory())
                + ", heap_committed_bytes = " + committed
                + ", heap_max_bytes = " + runtime.maxMemory()
                + ", gcs = " + gcCount()
                + ", gc_elapsed_ms = " + gcMillis()
                + ", live_threads = " + threadCount()
                + ", peak_threads = " + ManagementFactory.getThreadMXBean().getPeakThreadCount()
                + ", available_processors = " + runtime.availableProcessors()
                + "}";
    }

    /** Collections over all collectors; a collector that does not count reports -1 and is skipped. */
    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n >= 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n >= 0).sum();
    }

    /** Live platform threads (virtual threads are not listed by the JVM). */
    static int threadCount() {
        return liveThreads().size();
    }

    /** "Threads: n", then one line per live platform thread in id order. */
    static List<String> threadLines() {
        List<Thread> live = new ArrayList<>(liveThreads());
        live.sort(Comparator.comparingLong(Thread::threadId));
        List<String> lines = new ArrayList<>(live.size() + 1);
        lines.add("Threads: " + live.size());
        for (Thread t : live) {
            lines.add("ThreadId " + t.threadId() + " (" + t.getState() + ") " + t.getName());
        }
        return lines;
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet();
    }
}
