package dev.relayj.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a started relay running until it is told to stop; tests stop it themselves. */
@FunctionalInterface
interface ServerRunner {
    void runUntilStopped(AutoCloseable server) throws Exception;

    /**
     * Runs until SIGINT or SIGTERM, then closes (and saves) the relay: the process then exits 0, or
     * 1 when saving failed, as the reference server (the JVM would exit 130 or 143 after a signal,
     * which the reference's stop scripts and third-party units take for a failure). Where the
     * signals could not be taken over ({@link StopSignals}), a shutdown hook closes the relay.
     */
    ServerRunner UNTIL_SHUTDOWN = server -> {
        if (StopSignals.installed()) {
            StopSignals.awaitStop();
            server.close();
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Error stopping server: " + e.getMessage());
            } finally {
                closed.countDown();
            }
        }, "relayj-shutdown"));
        closed.await();
    };
}
