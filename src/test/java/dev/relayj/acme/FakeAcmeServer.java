package dev.relayj.acme;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny plain-HTTP "CA" on loopback for the failure cases: each request (method and path) gets
 * the reply the test's route function gives; one request per connection.
 */
final class FakeAcmeServer implements AutoCloseable {
    record Request(String method, String path, String body) {}

    record Reply(int status, Map<String, String> headers, String body) {
        static Reply json(int status, String body, Map<String, String> headers) {
            return new Reply(status, headers, body);
        }
    }

    private final ServerSocket socket;
    private final Thread thread;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeAcmeServer(Function<Request, Reply> routes) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(5000);
                    Request request = read(client.getInputStream());
                    requests.add(request);
                    write(client.getOutputStream(), request.method().equals("HEAD"), routes.apply(request));
                } catch (IOException e) {
                    // closed, or a client that went away: the next accept decides
                }
            }
        });
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        int length = 0;
        for (String line : lines) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(requestLine[0], requestLine[1], body);
    }

    private static void write(OutputStream out, boolean head, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("HTTP/1.1 " + reply.status() + " X\r\nConnection: close\r\n");
        h.append("Content-Length: ").append(head ? 0 : body.length).append("\r\n");
        reply.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(body);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
