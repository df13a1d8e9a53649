package dev.relayj.web;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.x connection of the static file server: reads request heads, answers each with a
 * whole response, and keeps the connection for the next request while both sides want it and the
 * limits allow. Nothing a client sends makes it throw anything but an IOException of the transport:
 * a malformed head gets a 4xx/5xx response and the connection is closed after it.
 */
final class Http1Connection {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    /** RFC 9112 §2.2: a server SHOULD ignore at least one empty line before a request line. */
    private static final int MAX_LEADING_EMPTY_LINES = 4;

    private final StaticFileServer files;
    private final WebLimits limits;
    private final InputStream in;
    private final OutputStream out;
    private final ConnectionDeadline deadline;

    Http1Connection(StaticFileServer files, WebLimits limits, InputStream in, OutputStream out, ConnectionDeadline deadline) {
        this.files = files;
        this.limits = limits;
        this.in = new BufferedInputStream(in, 8192);
        this.out = new BufferedOutputStream(out, 16384);
        this.deadline = deadline;
    }

    /** Serves requests until either side closes the connection; returns normally on a clean end. */
    void run() throws IOException {
        for (int served = 1; ; served++) {
            deadline.arm(limits.idleTimeout());
            HeadOrError next = readHead();
            if (next == null) {
                return;
            }
            deadline.arm(limits.responseTimeout());
            if (next.error != null) {
                try (StaticReply reply = next.error) {
                    send(reply, false, false, 1);
                }
                return;
            }
            Http1RequestHead head = next.head;
            boolean keepAlive = head.wantsKeepAlive() && !head.hasBody() && served < limits.maxRequests();
            boolean isHead = head.method().equals("HEAD");
            try (StaticReply reply = files.reply(head.method(), head.target(), head.acceptsGzip(), head.hasBody())) {
                send(reply, isHead, keepAlive, head.minorVersion());
            }
            if (!keepAlive) {
                return;
            }
        }
    }

    private void send(StaticReply reply, boolean headOnly, boolean keepAlive, int minorVersion) throws IOException {
        StringBuilder h = new StringBuilder(256);
        h.append("HTTP/1.1 ").append(reply.status).append(' ').append(reason(reply.status)).append("\r\n");
        h.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        for (Map.Entry<String, String> f : reply.headers) {
            h.append(f.getKey()).append(": ").append(f.getValue()).append("\r\n");
        }
        h.append("Content-Length: ").append(reply.length).append("\r\n");
        if (!keepAlive) {
            h.append("Connection: close\r\n");
        } else if (minorVersion == 0) {
            h.append("Connection: keep-alive\r\n");
        }
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!headOnly) {
            reply.writeBody(out);
        }
        out.flush();
    }

    /** A request head, or the error response to a malformed one. */
    private record HeadOrError(Http1RequestHead head, StaticReply error) {
        static HeadOrError error(int status, String text) {
            return new HeadOrError(null, StaticReply.text(status, text));
        }
    }

    /** The next request head; null when the client closed the connection between requests. */
    private HeadOrError readHead() throws IOException {
        int[] budget = {limits.maxHeadBytes()};
        String requestLine;
        int empty = 0;
        while (true) {
            try {
                requestLine = readLine(budget);
            } catch (HeadTooLarge e) {
                return HeadOrError.error(414, "URI Too Long");
            }
            if (requestLine == null) {
                return null;
            }
            if (!requestLine.isEmpty()) {
                break;
            }
            if (++empty > MAX_LEADING_EMPTY_LINES) {
                return HeadOrError.error(400, "Bad Request");
            }
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
            return HeadOrError.error(400, "Bad Request");
        }
        int minor;
        if (parts[2].equals("HTTP/1.1")) {
            minor = 1;
        } else if (parts[2].equals("HTTP/1.0")) {
            minor = 0;
        } else if (parts[2].matches("HTTP/[0-9]\\.[0-9]")) {
            return HeadOrError.error(505, "HTTP Version Not Supported");
        } else {
            return HeadOrError.error(400, "Bad Request");
        }
        for (int i = 0; i < parts[1].length(); i++) {
            char c = parts[1].charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return HeadOrError.error(400, "Bad Request");
            }
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        String contentLength = null;
        while (true) {
            String line;
            try {
                line = readLine(budget);
            } catch (HeadTooLarge e) {
                return HeadOrError.error(431, "Request Header Fields Too Large");
            }
            if (line == null) {
                throw new IOException("connection closed within a request head");
            }
            if (line.isEmpty()) {
                break;
            }
            if (fields.size() == limits.maxHeaderFields()) {
                return HeadOrError.error(431, "Request Header Fields Too Large");
            }
            int colon = line.indexOf(':');
            // §5.1: no whitespace between name and colon; §5.2: obsolete line folding is refused
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                return HeadOrError.error(400, "Bad Request");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return HeadOrError.error(400, "Bad Request");
                }
            }
            if (name.equals("content-length")) {
                // §6.3: an invalid or conflicting length makes the message framing unknowable
                if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                        || (contentLength != null && !contentLength.equals(value))) {
                    return HeadOrError.error(400, "Bad Request");
                }
                contentLength = value;
            }
            fields.add(Map.entry(name, value));
        }
        return new HeadOrError(new Http1RequestHead(parts[0], parts[1], minor, fields), null);
    }

    private static final class HeadTooLarge extends Exception {
        HeadTooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * One line without its LF (and CR before it), as ISO-8859-1; null at end of stream before any
     * octet. {@code budget[0]} is what is left of the head's size limit.
     */
    private String readLine(int[] budget) throws IOException, HeadTooLarge {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new IOException("connection closed within a request head");
            }
            if (--budget[0] < 0) {
                throw new HeadTooLarge();
            }
            if (b == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    /** RFC 9110 §5.6.2 token. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
