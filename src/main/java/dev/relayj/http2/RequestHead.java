package dev.relayj.http2;

import static dev.relayj.http2.Http2ErrorCode.PROTOCOL_ERROR;
import static dev.relayj.http2.Http2ProtocolException.streamError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checked header section of a request (RFC 9113 §8.2 and §8.3). Anything malformed is a stream
 * error of type PROTOCOL_ERROR (§8.1.1): only that request fails.
 */
record RequestHead(String method, String scheme, String authority, String path, List<HeaderField> headers,
        long contentLength) {

    /** §8.2.2: hop-by-hop fields have no meaning in HTTP/2. */
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "proxy-connection", "keep-alive", "transfer-encoding", "upgrade");

    static RequestHead parse(int streamId, List<HeaderField> fields) throws Http2ProtocolException {
        String method = null;
        String scheme = null;
        String authority = null;
        String path = null;
        long contentLength = -1;
        boolean regularSeen = false;
        List<HeaderField> regular = new ArrayList<>(fields.size());
        for (HeaderField f : fields) {
            checkName(streamId, f.name());
            checkValue(streamId, f);
            if (f.isPseudo()) {
                if (regularSeen) {
                    throw malformed(streamId, "pseudo-header " + f.name() + " after a regular field");
                }
                switch (f.name()) {
                    case ":method" -> method = once(streamId, method, f);
                    case ":scheme" -> scheme = once(streamId, scheme, f);
                    case ":authority" -> authority = once(streamId, authority, f);
                    case ":path" -> path = once(streamId, path, f);
                    default -> throw malformed(streamId, "pseudo-header " + f.name() + " in a request");
                }
                continue;
            }
            regularSeen = true;
            if (CONNECTION_SPECIFIC.contains(f.name())) {
                throw malformed(streamId, "connection-specific field " + f.name());
            }
            if (f.name().equals("te") && !f.value().equals("trailers")) {
                throw malformed(streamId, "te: " + f.value());
            }
            if (f.name().equals("content-length")) {
                long declared = parseLength(streamId, f.value());
                if (contentLength >= 0 && contentLength != declared) {
                    throw malformed(streamId, "conflicting content-length");
                }
                contentLength = declared;
            }
            regular.add(f);
        }
        if (method == null) {
            throw malformed(streamId, "no :method");
        }
        if (method.equals("CONNECT")) {
            // §8.5: only :authority identifies the target
            if (scheme != null || path != null || authority == null) {
                throw malformed(streamId, "CONNECT with :scheme or :path, or without :authority");
            }
            return new RequestHead(method, "", authority, "", regular, contentLength);
        }
        if (scheme == null || path == null || path.isEmpty()) {
            throw malformed(streamId, "missing :scheme or :path");
        }
        return new RequestHead(method, scheme, authority == null ? "" : authority, path, regular, contentLength);
    }

    /** Trailers carry no pseudo-headers (§8.1). */
    static void checkTrailers(int streamId, List<HeaderField> fields) throws Http2ProtocolException {
        for (HeaderField f : fields) {
            if (f.isPseudo()) {
                throw malformed(streamId, "pseudo-header in trailers");
            }
            checkName(streamId, f.name());
            checkValue(streamId, f);
        }
    }

    /** §8.2.1: no upper case, no controls, separators or non-ASCII in names (a leading ':' aside). */
    private static void checkName(int streamId, String name) throws Http2ProtocolException {
        if (name.isEmpty()) {
            throw malformed(streamId, "empty field name");
        }
        for (int i = name.charAt(0) == ':' ? 1 : 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || (c >= 'A' && c <= 'Z') || c >= 0x7f || c == ':') {
                throw malformed(streamId, "invalid field name " + name);
            }
        }
    }

    /** §8.2.1: no NUL, CR or LF, and no leading or trailing whitespace in values. */
    private static void checkValue(int streamId, HeaderField f) throws Http2ProtocolException {
        String v = f.value();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                throw malformed(streamId, "invalid character in " + f.name());
            }
        }
        if (!v.isEmpty() && (isWhitespace(v.charAt(0)) || isWhitespace(v.charAt(v.length() - 1)))) {
            throw malformed(streamId, "surrounding whitespace in " + f.name());
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static String once(int streamId, String previous, HeaderField f) throws Http2ProtocolException {
        if (previous != null) {
            throw malformed(streamId, "duplicate " + f.name());
        }
        return f.value();
    }

    private static long parseLength(int streamId, String value) throws Http2ProtocolException {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(streamId, "content-length " + value);
        }
        return Long.parseLong(value);
    }

    private static Http2ProtocolException malformed(int streamId, String why) {
        return streamError(streamId, PROTOCOL_ERROR, "malformed request: " + why);
    }
}
