package dev.relayj.xftp.server;

import dev.relayj.testing.ProcessResources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.xftp.protocol.FileResponse;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 3 and its fuzz test against a running XFTP relay: a rapid-reset flood ends its own
 * connection with GOAWAY ENHANCE_YOUR_CALM while another client is served, and mutated HTTP/2
 * frames leave the relay serving, with threads and descriptors back to their baseline.
 */
@Timeout(120)
class HostileHttp2ClientsTest {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int WINDOW_UPDATE = 8;
    private static final int CONTINUATION = 9;
    private static final int END_STREAM = 1;
    private static final int END_HEADERS = 4;

    @TempDir
    Path dir;

    @Test
    void tenThousandResetStreamsEndInEnhanceYourCalmWhileAnotherClientIsServed() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient healthy = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH);
                TestTls attacker = TestTls.connect(server.port(), List.of("xftp/1"), null)) {
            OutputStream out = attacker.output();
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            flood.writeBytes(PREFACE);
            frame(flood, SETTINGS, 0, 0, new byte[0]);
            for (int i = 0; i < 10_000; i++) {
                int stream = 2 * i + 1;
                frame(flood, HEADERS, END_HEADERS, stream, requestBlock());
                frame(flood, RST_STREAM, 0, stream, new byte[] {0, 0, 0, 8});
            }
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(flood.toByteArray());
                    out.flush();
                } catch (IOException closedByTheRelay) {
                    // the relay stops reading once it has had enough
                }
            });
            int goAwayCode = readUntilGoAway(attacker.input());
            assertEquals(0xb, goAwayCode, "GOAWAY ENHANCE_YOUR_CALM");
            assertEquals(new FileResponse.Pong(),
                    healthy.command(null, EntityId.NONE, new FileCommand.Ping(), null).response());
            writer.join(10_000);
        }
    }

    @Test
    void mutatedFramesLeaveTheRelayServingAndGiveBackThreadsAndDescriptors() throws Exception {
        long seed = System.nanoTime();
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient healthy = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            int baselineFds = ProcessResources.openDescriptors();
            int baselineThreads = ProcessResources.platformThreads();
            AtomicInteger connections = new AtomicInteger();
            long end = System.nanoTime() + 4_000_000_000L;
            List<Thread> fuzzers = new ArrayList<>();
            for (int f = 0; f < 6; f++) {
                Random random = new Random(seed + f);
                fuzzers.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < end) {
                        try (TestTls tls = TestTls.connect(server.port(), List.of("xftp/1"), null)) {
                            connections.incrementAndGet();
                            Thread drain = Thread.ofVirtual().start(() -> drain(tls.input()));
                            tls.output().write(mutatedConversation(random));
                            tls.output().flush();
                            drain.join(200);
                        } catch (IOException | InterruptedException | RuntimeException e) {
                            // the relay may close a connection it cannot make sense of
                        }
                    }
                }));
            }
            int served = 0;
            while (System.nanoTime() < end) {
                assertEquals(new FileResponse.Pong(),
                        healthy.command(null, EntityId.NONE, new FileCommand.Ping(), null).response(), "seed " + seed);
                served++;
                Thread.sleep(50);
            }
            for (Thread fuzzer : fuzzers) {
                fuzzer.join(30_000);
            }
            assertTrue(served > 10 && connections.get() > 10, served + " pings, " + connections + " connections");
            ProcessResources.awaitAtMost(baselineFds, ProcessResources::openDescriptors, "descriptors (seed " + seed + ")");
            ProcessResources.awaitAtMost(baselineThreads, ProcessResources::platformThreads,
                    "platform threads (seed " + seed + ")");
            Chunks.assertDownloads(healthy, Chunks.upload(healthy, 65536), 0);
        }
    }

    /** A plausible conversation (preface, settings, requests, window updates, pings) with a few bytes changed. */
    private static byte[] mutatedConversation(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PREFACE);
        frame(out, SETTINGS, 0, 0, new byte[] {0, 4, 0, 1, 0, 0});
        for (int i = 0; i < 20; i++) {
            int stream = 2 * i + 1;
            switch (random.nextInt(6)) {
                case 0 -> frame(out, HEADERS, END_HEADERS | END_STREAM, stream, requestBlock());
                case 1 -> {
                    frame(out, HEADERS, END_HEADERS, stream, requestBlock());
                    byte[] body = new byte[random.nextInt(20_000)];
                    random.nextBytes(body);
                    frame(out, DATA, END_STREAM, stream, body);
                }
                case 2 -> frame(out, WINDOW_UPDATE, 0, random.nextInt(3) == 0 ? 0 : stream,
                        new byte[] {0, 0, (byte) random.nextInt(256), 1});
                case 3 -> frame(out, PING, 0, 0, new byte[8]);
                case 4 -> {
                    frame(out, HEADERS, 0, stream, requestBlock());
                    frame(out, CONTINUATION, END_HEADERS, stream, new byte[random.nextInt(10)]);
                }
                default -> frame(out, RST_STREAM, 0, stream, new byte[] {0, 0, 0, 8});
            }
        }
        byte[] bytes = out.toByteArray();
        for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
            int at = PREFACE.length + random.nextInt(bytes.length - PREFACE.length);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return random.nextInt(4) == 0 ? java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)) : bytes;
    }

    /** POST / with literal header fields, no HPACK indexing. */
    private static byte[] requestBlock() {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{":method", "POST"}, {":scheme", "https"}, {":authority", "localhost"},
                {":path", "/"}}) {
            block.write(0);
            literal(block, field[0]);
            literal(block, field[1]);
        }
        return block.toByteArray();
    }

    private static void literal(ByteArrayOutputStream block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        block.write(bytes.length);
        block.writeBytes(bytes);
    }

    private static void frame(ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(stream >>> 24);
        out.write(stream >>> 16);
        out.write(stream >>> 8);
        out.write(stream);
        out.writeBytes(payload);
    }

    /** The GOAWAY's error code; fails if the relay closes without one. */
    private static int readUntilGoAway(InputStream in) throws IOException {
        DataInputStream frames = new DataInputStream(in);
        while (true) {
            int length = (frames.readUnsignedByte() << 16) | (frames.readUnsignedByte() << 8) | frames.readUnsignedByte();
            int type = frames.readUnsignedByte();
            frames.readUnsignedByte();
            frames.readInt();
            byte[] payload = new byte[length];
            frames.readFully(payload);
            if (type == GOAWAY) {
                return ((payload[4] & 0xff) << 24) | ((payload[5] & 0xff) << 16) | ((payload[6] & 0xff) << 8)
                        | (payload[7] & 0xff);
            }
        }
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[16384];
        try {
            while (in.read(buffer) >= 0) {
                // whatever the relay answers
            }
        } catch (IOException closed) {
            // done
        }
    }


}
