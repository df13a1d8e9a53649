package dev.relayj.smp.server;

import java.nio.file.Path;

/** Runs a test relay in its own JVM, so that a test can kill it: prints the port, then serves until killed. */
public final class ChildServer {
    private ChildServer() {}

    public static void main(String[] args) throws Exception {
        TestServer server = TestServer.start(Path.of(args[0]));
        System.out.println("port " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
