package dev.relayj.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a started relay running until it is told to stop; tests stop it themselves. */
@FunctionalInterface
interface ServerRunner {
    void runUntilStopped(AutoCloseable server) throws Exception;

    /**
     * Runs until SIGINT or SIGTERM: the shutdown hook closes (and saves) the relay, then ends the
     * process with 0, or 1 when saving failed. The JVM would exit 130 or 143 after a signal, which
     * the reference's stop scripts and third-party units take for a failure; the reference exits 0.
     */
    ServerRunner UNTIL_SHUTDOWN = server -> {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = 0;
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Error stopping server: " + e.getMessage());
                status = 1;
            } finally {
                closed.countDown();
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(status);
        }, "relayj-shutdown"));
        closed.await();
    };
}
