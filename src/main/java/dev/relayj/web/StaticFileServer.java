package dev.relayj.web;

import dev.relayj.http2.Http2Connection;
import dev.relayj.http2.Http2Handler;
import dev.relayj.http2.Http2Request;
import dev.relayj.http2.Http2Response;
import dev.relayj.http2.Http2ServerConfig;
import dev.relayj.tls.TlsConnection;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded web server of the information site: serves the files under one directory with GET
 * and HEAD, over HTTP/1.1 (plain or inside TLS) and HTTP/2, as the reference serves static_path
 * with Warp's static app and {@code serveStaticPageH2} (Server/Web.hs):
 * <ul>
 * <li>{@code /} is index.html; a directory is its index.html, with or without a trailing slash
 *     ({@code /contact} is contact/index.html);</li>
 * <li>{@code /.well-known/...} is served from well-known/ (see {@link StaticSite});</li>
 * <li>hidden files (a segment starting with ".") are not served, nor anything whose real path,
 *     symbolic links followed, is outside the directory;</li>
 * <li>compressible types are sent gzip-compressed to clients that accept it.</li>
 * </ul>
 * The directory is looked up on every request, so a site regenerated while serving is picked up.
 * The object holds no threads or sockets of its own: each {@code serve...} call runs one
 * connection on the caller's thread until it ends.
 */
public final class StaticFileServer {
    /** Small windows: requests have no bodies, and responses are small pages. */
    private static final Http2ServerConfig HTTP2_CONFIG = Http2ServerConfig.DEFAULT.withMaxConcurrentStreams(32)
            .withWindows(65535, 65535).withMaxHeaderListSize(16384);

    /** RFC 8555 section 8.3: where the CA fetches an HTTP-01 key authorization. */
    private static final String ACME_CHALLENGE_PREFIX = "/.well-known/acme-challenge/";

    private final Path root;
    private final WebLimits limits;
    private volatile Function<String, Optional<String>> acmeAnswers = token -> Optional.empty();

    public StaticFileServer(Path root) {
        this(root, WebLimits.DEFAULT);
    }

    public StaticFileServer(Path root, WebLimits limits) {
        this.root = root.toAbsolutePath().normalize();
        this.limits = limits;
    }

    public Path root() {
        return root;
    }

    /** Answers HTTP-01 challenges: a token maps to its key authorization while an order waits for it. */
    public void answerAcmeHttpChallenges(Function<String, Optional<String>> keyAuthorizations) {
        acmeAnswers = keyAuthorizations;
    }

    /**
     * Serves a TLS connection of a browser: HTTP/2 when it negotiated ALPN {@code h2}, HTTP/1.1
     * otherwise (ALPN {@code http/1.1} or none). Fits {@link dev.relayj.tls.ConnectionHandler}.
     */
    public void serve(TlsConnection connection) throws IOException {
        if ("h2".equals(connection.alpn())) {
            serveHttp2(connection.input(), connection.output(), connection::close);
        } else {
            serveHttp1(connection.input(), connection.output(), connection::close);
        }
    }

    /**
     * Serves one HTTP/1.x connection until it ends. {@code transport} is closed when the client
     * is idle or slow past the limits (that ends a blocked read); the caller closes it afterwards
     * in any case. Returns normally when the client or a limit ended the connection.
     *
     * @throws IOException when the transport failed
     */
    public void serveHttp1(InputStream in, OutputStream out, Closeable transport) throws IOException {
        try (ConnectionDeadline deadline = new ConnectionDeadline(transport)) {
            try {
                new Http1Connection(this, limits, in, out, deadline).run();
            } catch (IOException e) {
                if (!deadline.expired()) {
                    throw e;
                }
            }
        }
    }

    /**
     * Serves one HTTP/2 connection (the client's preface first) until it ends, closing
     * {@code transport} when no stream has been open for the idle timeout.
     *
     * @throws IOException when the transport failed
     */
    public void serveHttp2(InputStream in, OutputStream out, Closeable transport) throws IOException {
        try (ConnectionDeadline deadline = new ConnectionDeadline(transport)) {
            AtomicInteger open = new AtomicInteger();
            Http2Handler handler = (request, response) -> {
                open.incrementAndGet();
                deadline.arm(limits.responseTimeout());
                try {
                    respond(request, response);
                } finally {
                    if (open.decrementAndGet() == 0) {
                        deadline.arm(limits.idleTimeout());
                    }
                }
            };
            deadline.arm(limits.idleTimeout());
            try {
                new Http2Connection(in, out, HTTP2_CONFIG, handler).run();
            } catch (IOException e) {
                if (!deadline.expired()) {
                    throw e;
                }
            }
        }
    }

    /**
     * Serves a GET or HEAD request if the site has the file, as the reference's XFTP server does
     * for browsers ({@code serveStaticPageH2}); otherwise leaves the response untouched.
     *
     * @return whether the request was answered
     */
    public boolean serveIfPresent(Http2Request request, Http2Response response) throws IOException {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        Optional<RequestPath> path = RequestPath.parse(request.path());
        if (path.isEmpty() || resolve(path.get()).isEmpty()) {
            return false;
        }
        respond(request, response);
        return true;
    }

    private void respond(Http2Request request, Http2Response response) throws IOException {
        boolean acceptsGzip = request.header("accept-encoding").filter(v -> v.contains("gzip")).isPresent();
        try (StaticReply reply = reply(request.method(), request.path(), acceptsGzip, false)) {
            response.status(reply.status);
            for (Map.Entry<String, String> h : reply.headers) {
                response.header(h.getKey(), h.getValue());
            }
            response.header("content-length", Long.toString(reply.length));
            if (request.method().equals("HEAD") || reply.length == 0) {
                response.send(new byte[0]);
            } else {
                try (OutputStream body = response.body()) {
                    reply.writeBody(body);
                }
            }
        }
    }

    /** The response to a request, whatever the HTTP version. */
    StaticReply reply(String method, String target, boolean acceptsGzip, boolean hasBody) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return StaticReply.text(405, "Only GET or HEAD is supported", Map.entry("Allow", "GET, HEAD"));
        }
        if (hasBody) {
            return StaticReply.text(400, "Bad Request");
        }
        if (target.startsWith(ACME_CHALLENGE_PREFIX)) {
            Optional<String> answer = acmeAnswers.apply(target.substring(ACME_CHALLENGE_PREFIX.length()));
            if (answer.isPresent()) {
                return StaticReply.text(200, answer.get());
            }
        }
        Optional<RequestPath> path = RequestPath.parse(target);
        if (path.isEmpty()) {
            return StaticReply.text(400, "Bad Request");
        }
        try {
            Optional<Path> file = resolve(path.get());
            if (file.isEmpty()) {
                return StaticReply.text(404, "File not found");
            }
            return StaticReply.file(file.get(), acceptsGzip);
        } catch (NoSuchFileException e) {
            // removed between lookup and open
            return StaticReply.text(404, "File not found");
        } catch (IOException e) {
            return StaticReply.text(500, "Internal Server Error");
        }
    }

    /** The real path of the file a request names, if it is a regular file inside the site. */
    Optional<Path> resolve(RequestPath path) throws IOException {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Path target = realRoot;
        for (String segment : path.segments()) {
            if (segment.startsWith(".")) {
                return Optional.empty();
            }
            Path name;
            try {
                name = realRoot.getFileSystem().getPath(segment);
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
            if (name.isAbsolute() || name.getNameCount() != 1) {
                return Optional.empty();
            }
            target = target.resolve(name);
        }
        Path candidate = !path.segments().isEmpty() && !path.trailingSlash() && Files.isRegularFile(target)
                ? target
                : target.resolve("index.html");
        if (!Files.isRegularFile(candidate)) {
            return Optional.empty();
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return real.startsWith(realRoot) && !real.equals(realRoot) ? Optional.of(real) : Optional.empty();
    }
}
