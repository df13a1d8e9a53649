package dev.relayj.tls;

import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * One connection's deadline from accept to the end of its protocol handshake: TLS within its
 * timeout, then the protocol's handshake within its own ({@code tlsSetupTimeout} and
 * {@code smpHandshakeTimeout} in the reference's {@code Transport/Server.hs} and {@code Server.hs}).
 * When it passes, the socket is closed, which fails whatever read the connection's thread is in.
 */
final class SetupDeadline {
    private final BiFunction<Runnable, Long, Future<?>> scheduler;
    private final Runnable cutOff;
    private Future<?> pending;
    /** Tells a timer task that fires after it was replaced or cancelled that it is stale. */
    private long generation;
    private boolean passed;

    /**
     * @param scheduler runs an action after a delay in milliseconds
     * @param cutOff    what happens when the deadline passes
     */
    SetupDeadline(BiFunction<Runnable, Long, Future<?>> scheduler, Runnable cutOff) {
        this.scheduler = scheduler;
        this.cutOff = cutOff;
    }

    /** Starts (or moves) the deadline to this many milliseconds from now. */
    synchronized void arm(long delayMillis) {
        if (passed) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        long armed = ++generation;
        pending = scheduler.apply(() -> pass(armed), delayMillis);
    }

    /** The setup is over; false when the deadline had already passed. */
    synchronized boolean end() {
        generation++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        return !passed;
    }

    synchronized boolean passed() {
        return passed;
    }

    private void pass(long armed) {
        synchronized (this) {
            if (armed != generation || passed) {
                return;
            }
            pending = null;
            passed = true;
        }
        cutOff.run();
    }
}
