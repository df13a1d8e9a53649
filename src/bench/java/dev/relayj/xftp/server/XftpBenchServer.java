package dev.relayj.xftp.server;

import dev.relayj.smp.server.Memory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The XFTP relay under benchmark, in its own JVM: prints {@code port N}, answers {@code mem} with
 * {@code heap <bytes> rss <bytes>}, stops at {@code quit} or the end of standard input.
 */
public final class XftpBenchServer {
    private XftpBenchServer() {}

    public static void main(String[] args) throws Exception {
        TestServer relay = new TestServer(Path.of(args[0]));
        try (XftpServer server = relay.start()) {
            System.out.println("port " + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                if (line.equals("mem")) {
                    System.out.println("heap " + Memory.heapAfterGc() + " rss " + Memory.rss());
                    System.out.flush();
                }
            }
        }
    }
}
