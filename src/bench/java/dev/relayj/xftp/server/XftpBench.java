package dev.relayj.xftp.server;

import dev.relayj.crypto.AuthPrivateKey;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.server.ServerProcess;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.xftp.protocol.FileResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Load figures of the XFTP relay on loopback (tools/bench-xftp): 4 MB chunks uploaded (FNEW +
 * FPUT) and downloaded (FGET, the chunk decrypted as a client does) by 1 and 16 concurrent
 * clients over HTTP/2, against the relay in a child JVM; MB/s, p99 per chunk, the relay's heap and
 * RSS, and OpenSSL's floor for the same work measured in the same run.
 */
public final class XftpBench {
    static final int CHUNK = 4 * 1024 * 1024;

    private XftpBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.setProperty(dev.relayj.tls.ClientTlsCrypto.BENCH_PROPERTY, "true");
        Path dir = Files.createTempDirectory("bench-xftp");
        try {
            double[] floors = opensslFloors();
            System.out.printf("OpenSSL floor (same run): ChaCha20-Poly1305 %.0f MB/s, SHA-256 %.0f MB/s per core%n",
                    floors[0], floors[1]);
            // the floors for 2 cores: a download is one AEAD pass over the chunk against about
            // four here (TLS both ways, the chunk's secret box both ways); an upload two AEAD passes
            // and one SHA-256 (the relay checks the chunk's digest)
            double downFloor = 2 * (floors[0] / 4);
            double upFloor = 2 / (2 / floors[0] + 1 / floors[1]);
            try (ServerProcess server = new ServerProcess(dir, List.of("-Xmx2g"), XftpBenchServer.class.getName())) {
                System.out.println("relay before: " + server.memoryLine());
                for (int clients : new int[] {1, 16}) {
                    List<Uploaded> chunks = run("upload", clients, seconds, server.port, upFloor, null);
                    run("download", clients, seconds, server.port, downFloor, chunks);
                    System.out.println("  relay with " + clients + " clients: " + server.memoryLine());
                }
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(0);
    }

    /** A chunk on the relay that its recipient may download. */
    record Uploaded(AuthPrivateKey recipient, EntityId recipientId) {}

    /** Uploads new chunks, or downloads {@code chunks} round robin, for {@code seconds}; returns the uploads. */
    private static List<Uploaded> run(String what, int clients, int seconds, int port, double floor,
            List<Uploaded> chunks) throws Exception {
        ConcurrentLinkedQueue<Uploaded> uploaded = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(clients);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        byte[] data = Chunks.randomData(CHUNK);
        for (int c = 0; c < clients; c++) {
            int id = c;
            threads.add(Thread.ofPlatform().start(() -> {
                try (TestXftpClient client = TestXftpClient.connectNative(port, TestServer.KEY_HASH)) {
                    ready.countDown();
                    ready.await();
                    long end;
                    synchronized (window) {
                        if (window[0] == 0) {
                            window[0] = System.nanoTime();
                            window[1] = window[0] + seconds * 1_000_000_000L;
                        }
                        end = window[1];
                    }
                    int n = id;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        if (chunks == null) {
                            uploaded.add(upload(client, data));
                        } else {
                            Uploaded u = chunks.get(n++ % chunks.size());
                            Chunks.download(client, u.recipient(), u.recipientId(), CHUNK);
                        }
                        times.add(System.nanoTime() - t0);
                    }
                } catch (Exception | AssertionError e) {
                    System.out.println(what + " client failed: " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        double mbps = sorted.length * (double) CHUNK / 1e6 / elapsed;
        double p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6;
        System.out.printf("%s, %d client%s, 4 MB chunks: %.0f MB/s (p99 %.0f ms)  [%d chunks; floor 2 cores %.0f MB/s: "
                + "%.1f %%, target 30 %%]%n", what, clients, clients == 1 ? "" : "s", mbps, p99, sorted.length, floor,
                100 * mbps / floor);
        return new ArrayList<>(uploaded);
    }

    /** FNEW with one Ed25519 recipient, then FPUT of {@code data}. */
    private static Uploaded upload(TestXftpClient client, byte[] data) throws Exception {
        Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
        Ed25519PrivateKey recipient = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
        FileResponse created = Chunks.fnew(client, sender, data, List.of(recipient.publicKey()), null);
        if (!(created instanceof FileResponse.Sids sids)) {
            throw new IOException("FNEW answered " + created);
        }
        FileResponse put = client.command(sender, sids.senderId(), new FileCommand.Fput(), data).response();
        if (!put.equals(new FileResponse.Ok())) {
            throw new IOException("FPUT answered " + put);
        }
        return new Uploaded(recipient, sids.recipientIds().get(0));
    }

    /** {@code openssl speed} over 16 KB blocks: ChaCha20-Poly1305 and SHA-256 MB/s on one core. */
    private static double[] opensslFloors() throws IOException, InterruptedException {
        return new double[] {speed("-evp", "chacha20-poly1305"), speed("-evp", "sha256")};
    }

    private static double speed(String... algorithm) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "speed", "-seconds", "2", "-bytes", "16384"));
        command.addAll(Arrays.asList(algorithm));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        double mbps = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[f.length - 1].endsWith("k") && !line.startsWith("type")) {
                    mbps = Double.parseDouble(f[f.length - 1].replace("k", "")) / 1000;
                }
            }
        }
        if (p.waitFor() != 0 || mbps == 0) {
            throw new IOException(String.join(" ", command) + ": no figure");
        }
        return mbps;
    }
}
