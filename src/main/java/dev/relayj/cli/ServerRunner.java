package dev.relayj.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a started relay running until it is told to stop; tests stop it themselves. */
@FunctionalInterface
interface ServerRunner {
    void runUntilStopped(AutoCloseable server) throws Exception;

    /** Runs until SIGINT or SIGTERM: the shutdown hook closes the relay before the JVM exits. */
    ServerRunner UNTIL_SHUTDOWN = server -> {
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
