package dev.relayj.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM, taken over from the JVM when the process starts. Once the relay starts, a
 * signal stops it in order (saved, exit 0, as the reference server), at once if it is running or
 * as soon as its start ends; a second signal ends the process at once. Any other time (as during
 * {@code init}) a signal ends the process as the JVM would (128 + the signal's number). The JVM's
 * own handling runs a shutdown hook that a signal in the first moments after the relay starts
 * listening finds not yet registered: the process then exits 130 without saving.
 */
final class StopSignals {
    private static final CountDownLatch STOP = new CountDownLatch(1);
    private static volatile boolean installed;
    private static volatile boolean starting;

    private StopSignals() {}

    /** Takes over SIGINT and SIGTERM for this process; false where that is not possible (-Xrs). */
    static boolean install() {
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                Signal.handle(new Signal(name), signal -> {
                    if (starting && STOP.getCount() > 0) {
                        STOP.countDown();
                    } else {
                        Runtime.getRuntime().exit(128 + signal.getNumber());
                    }
                });
            }
            installed = true;
        } catch (IllegalArgumentException e) {
            installed = false;
        }
        return installed;
    }

    static boolean installed() {
        return installed;
    }

    /** The relay is about to start: from now on a signal stops it in order. */
    static void starting() {
        starting = true;
    }

    /** Returns once a signal asked the relay to stop (at once if one came while it started). */
    static void awaitStop() throws InterruptedException {
        starting = true;
        STOP.await();
    }
}
