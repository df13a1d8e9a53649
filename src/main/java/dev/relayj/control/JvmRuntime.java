package dev.relayj.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The runtime figures the control port shows where the reference shows GHC's: {@code stats-rts}
 * prints {@code getRTSStats} as one {@code show}n record, so this prints the JVM's counterparts
 * (heap, threads, uptime) as one record of the same shape; {@code threads} lists platform threads
 * as the reference lists its threads, "ThreadId n (status) label". Only {@code java.base} is used
 * (the module does not read {@code java.management}), so collector figures are not shown.
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
                + ", live_threads = " + threadCount()
                + ", available_processors = " + runtime.availableProcessors()
                + "}";
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
