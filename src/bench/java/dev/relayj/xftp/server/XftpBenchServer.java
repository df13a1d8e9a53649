package dev.relayj.xftp.server;

import dev.relayj.smp.server.BenchServer;
import java.nio.file.Path;

/** The XFTP relay under benchmark, in its own JVM, answering ServerProcess as {@link BenchServer} does. */
public final class XftpBenchServer {
    private XftpBenchServer() {}

    public static void main(String[] args) throws Exception {
        try (XftpServer server = new TestServer(Path.of(args[0])).start()) {
            BenchServer.serveUntilQuit(server.port());
        }
    }
}
