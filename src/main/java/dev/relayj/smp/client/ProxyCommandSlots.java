package dev.relayj.smp.client;

import java.util.concurrent.Semaphore;

/**
 * Bounds the proxied commands (PRXY that must connect, PFWD) running at once for one client of the
 * proxy ({@code forkProxiedCmd} and {@code procThreads} in simplexmq's {@code Server.hs}, limit
 * [PROXY] client_concurrency, default 32). When all slots are taken, {@link #fork} blocks the
 * caller, the client's command loop, as the reference's STM retry does; its later commands wait.
 * One instance per client connection.
 */
public final class ProxyCommandSlots {
    /** {@code defaultProxyClientConcurrency}. */
    public static final int DEFAULT_CONCURRENCY = 32;

    private final Semaphore slots;
    private final int limit;

    public ProxyCommandSlots(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("client_concurrency must be positive");
        }
        this.limit = limit;
        this.slots = new Semaphore(limit);
    }

    /**
     * Waits for a free slot, then runs the task on a new virtual thread that gives the slot back when
     * the task ends. The task must end by itself: proxied commands are bounded by their timeouts.
     */
    public Thread fork(String name, Runnable task) throws InterruptedException {
        slots.acquire();
        try {
            return Thread.ofVirtual().name(name).start(() -> {
                try {
                    task.run();
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException | Error e) {
            slots.release();
            throw e;
        }
    }

    /** Tasks running now. */
    public int inUse() {
        return limit - slots.availablePermits();
    }
}
