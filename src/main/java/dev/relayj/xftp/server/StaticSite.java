package dev.relayj.xftp.server;

import dev.relayj.http2.Http2Request;
import dev.relayj.http2.Http2Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The static web site served to browsers on the XFTP port ({@code serveStaticPageH2} and
 * {@code resolveStaticFile} of {@code Messaging/Server/Web.hs}): a path names a file under the
 * root, or a directory holding {@code index.html}; {@code /.well-known/} is looked up as
 * {@code /well-known/}; nothing outside the root is served.
 */
final class StaticSite {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"),
            Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain"),
            Map.entry("wasm", "application/wasm"));

    private final Path root;

    private StaticSite(Path root) {
        this.root = root;
    }

    /** The site at {@code root}, resolved to its real path as the reference canonicalises it. */
    static StaticSite at(Path root) throws IOException {
        return new StaticSite(root.toRealPath());
    }

    /** Sends the file the request names; false when there is none. */
    boolean serve(Http2Request request, Http2Response response) throws IOException {
        String path = request.path();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("/.well-known/")) {
            path = "/well-known/" + path.substring("/.well-known/".length());
        } else if (path.equals("/.well-known")) {
            path = "/well-known";
        }
        String relative = path.replaceFirst("^/+", "");
        Path requested;
        try {
            requested = relative.isEmpty() ? root.resolve("index.html") : root.resolve(relative);
        } catch (InvalidPathException e) {
            return false;
        }
        Optional<Path> file = resolve(requested).or(() -> resolve(requested.resolve("index.html")));
        if (file.isEmpty()) {
            return false;
        }
        byte[] content = Files.readAllBytes(file.get());
        response.header("content-type", mimeType(file.get())).send(content);
        return true;
    }

    private Optional<Path> resolve(Path candidate) {
        try {
            if (!Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String mimeType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
