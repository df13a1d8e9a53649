package dev.relayj.smp.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A relay under benchmark in a child JVM on the benchmark's own classpath: {@link BenchServer}
 * (SMP) or another main class that prints {@code port N} and answers {@code mem} the same way.
 */
public final class ServerProcess implements AutoCloseable {
    final Process process;
    public final int port;
    private final BufferedReader out;
    private final Writer in;

    ServerProcess(Path dir, List<String> jvmOptions) throws IOException {
        this(dir, jvmOptions, BenchServer.class.getName());
    }

    public ServerProcess(Path dir, List<String> jvmOptions, String mainClass) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // RELAYJ_JAVA_OPTS, which the launchers add to the relay's JVM, goes to the bench relay's too
        String javaOptions = System.getenv("RELAYJ_JAVA_OPTS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            command.addAll(List.of(javaOptions.trim().split("\\s+")));
        }
        // BENCH_JFR=FILE records the relay with JDK Flight Recorder (profile settings) into FILE
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null && !jfr.isEmpty()) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        // as the launchers: NaCl's MACs on the JDK's intrinsic Poly1305
        command.addAll(List.of("--add-opens", "java.base/com.sun.crypto.provider=ALL-UNNAMED"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, dir.toString()));
        process = new ProcessBuilder(command).redirectError(dir.resolve("server.log").toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        // the JVM may say something first (Flight Recorder's "Started recording")
        String line = out.readLine();
        while (line != null && !line.startsWith("port ")) {
            line = out.readLine();
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("bench server did not start, see " + dir.resolve("server.log"));
        }
        port = Integer.parseInt(line.substring(5));
    }

    /** The server's heap after GC and its RSS, in bytes. */
    public long[] memory() throws IOException {
        in.write("mem\n");
        in.flush();
        String[] words = out.readLine().split(" ");
        return new long[] {Long.parseLong(words[1]), Long.parseLong(words[3])};
    }

    /**
     * Bytes the server's threads have allocated since it started (HotSpot's per-thread counters,
     * which carry the allocations of the virtual threads mounted on them).
     */
    public long allocatedBytes() throws IOException {
        in.write("alloc\n");
        in.flush();
        return Long.parseLong(out.readLine().split(" ")[1]);
    }

    public String memoryLine() throws IOException {
        long[] m = memory();
        return "server heap " + Memory.mib(m[0]) + ", RSS " + Memory.mib(m[1]);
    }

    @Override
    public void close() throws IOException {
        try {
            in.write("quit\n");
            in.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
