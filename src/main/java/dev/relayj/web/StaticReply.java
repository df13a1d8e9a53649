package dev.relayj.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A response of the static file server, independent of the HTTP version that carries it: status,
 * header fields other than Content-Length, the body's exact length and the body. A file body is
 * read from a channel opened when the reply was made, so a page replaced meanwhile by
 * {@link StaticSite#generate} is still sent whole, in its old or its new version.
 */
final class StaticReply implements AutoCloseable {
    /** Compressing bigger files on every request would cost more than it saves. */
    private static final long MAX_COMPRESSED_INPUT = 1 << 20;

    final int status;
    final List<Map.Entry<String, String>> headers;
    final long length;
    private final byte[] bytes;
    private final FileChannel file;

    private StaticReply(int status, List<Map.Entry<String, String>> headers, long length, byte[] bytes, FileChannel file) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.length = length;
        this.bytes = bytes;
        this.file = file;
    }

    /** An error or notice with a short plain-text body. */
    @SafeVarargs
    static StaticReply text(int status, String text, Map.Entry<String, String>... extra) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> h = new ArrayList<>(commonHeaders("text/plain; charset=utf-8"));
        h.addAll(List.of(extra));
        return new StaticReply(status, h, body.length, body, null);
    }

    /** A 200 with the file; compressed with gzip when the client accepts it and the type is worth it. */
    static StaticReply file(Path path, boolean clientAcceptsGzip) throws IOException {
        String name = path.getFileName().toString();
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            List<Map.Entry<String, String>> h = new ArrayList<>(commonHeaders(ContentTypes.of(name)));
            if (clientAcceptsGzip && ContentTypes.compressible(name) && size <= MAX_COMPRESSED_INPUT) {
                byte[] compressed = gzip(readAll(channel, (int) size));
                channel.close();
                // as the reference's staticResponseHeaders with compression
                h.add(Map.entry("Content-Encoding", "gzip"));
                h.add(Map.entry("Vary", "Accept-Encoding"));
                return new StaticReply(200, h, compressed.length, compressed, null);
            }
            return new StaticReply(200, h, size, null, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static List<Map.Entry<String, String>> commonHeaders(String contentType) {
        return List.of(Map.entry("Content-Type", contentType), Map.entry("X-Content-Type-Options", "nosniff"));
    }

    /** Writes exactly {@link #length} octets of body. */
    void writeBody(OutputStream out) throws IOException {
        if (bytes != null) {
            out.write(bytes);
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(16384);
        long remaining = length;
        long position = 0;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
            int n = file.read(buffer, position);
            if (n < 0) {
                throw new EOFException("file shrank while being sent");
            }
            out.write(buffer.array(), 0, n);
            position += n;
            remaining -= n;
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }

    private static byte[] readAll(FileChannel channel, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                throw new EOFException("file shrank while being read");
            }
        }
        return buffer.array();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
