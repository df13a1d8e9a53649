package dev.relayj.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/** What this test JVM holds (descriptors, threads, heap), for tests that hostile clients must not make grow. */
public final class ProcessResources {
    private static final long SETTLE_NANOS = 20_000_000_000L;

    private ProcessResources() {}

    public static int openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Waits (20 s at most) for {@code current} to come back to {@code baseline} or below; fails if it does not. */
    public static void awaitAtMost(int baseline, IntSupplier current, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        int now = current.getAsInt();
        while (now > baseline && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = current.getAsInt();
        }
        assertTrue(now <= baseline, what + ": " + now + ", baseline " + baseline);
    }

    /** The least heap in use over three collections. */
    public static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, runtime.totalMemory() - runtime.freeMemory());
        }
        return least;
    }
}
