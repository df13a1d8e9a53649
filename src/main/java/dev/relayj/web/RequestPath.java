package dev.relayj.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The path of a request target, split into decoded segments. Anything that could name a file
 * outside the site is refused here, before a file name is ever formed: dot segments, encoded
 * slashes or backslashes, NUL and other control characters, malformed percent escapes and invalid
 * UTF-8. Empty segments (from {@code //}) are dropped. A leading {@code .well-known} segment becomes
 * {@code well-known}, the directory the site keeps those files in (the reference's
 * {@code rewriteWellKnown}, Server/Web.hs).
 *
 * @param segments      decoded path segments, none empty, "." or ".."
 * @param trailingSlash whether the path ended with "/" after at least one segment (names a directory)
 */
record RequestPath(List<String> segments, boolean trailingSlash) {

    RequestPath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses an origin-form request target ({@code /path?query}); the query is ignored.
     *
     * @return empty when the target is malformed or tries to leave the site (a 400)
     */
    static Optional<RequestPath> parse(String target) {
        if (target.isEmpty() || target.charAt(0) != '/') {
            return Optional.empty();
        }
        int end = target.length();
        int q = target.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int h = target.indexOf('#');
        if (h >= 0 && h < end) {
            end = h;
        }
        String path = target.substring(0, end);
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int stop = slash < 0 ? path.length() : slash;
            if (stop > start) {
                Optional<String> segment = decodeSegment(path.substring(start, stop));
                if (segment.isEmpty() || segment.get().equals(".") || segment.get().equals("..")) {
                    return Optional.empty();
                }
                segments.add(segment.get());
            }
            start = stop + 1;
        }
        if (!segments.isEmpty() && segments.get(0).equals(".well-known")) {
            segments.set(0, StaticSite.WELL_KNOWN_DIR);
        }
        boolean trailingSlash = !segments.isEmpty() && path.endsWith("/");
        return Optional.of(new RequestPath(segments, trailingSlash));
    }

    private static Optional<String> decodeSegment(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int b;
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                b = hi << 4 | lo;
                i += 2;
            } else if (c > 0x7e) {
                // request lines are ASCII; raw octets beyond it are not a path we generate
                return Optional.empty();
            } else {
                b = c;
            }
            if (b < 0x20 || b == 0x7f || b == '/' || b == '\\') {
                return Optional.empty();
            }
            bytes.write(b);
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
