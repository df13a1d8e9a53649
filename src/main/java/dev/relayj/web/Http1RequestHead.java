package dev.relayj.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed HTTP/1.x request head (RFC 9112 §3 and §5).
 *
 * @param method  the method token, case-sensitive
 * @param target  the request target as sent
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1
 * @param fields  header fields in arrival order, names in lower case, values without surrounding whitespace
 */
record Http1RequestHead(String method, String target, int minorVersion, List<Map.Entry<String, String>> fields) {

    Http1RequestHead {
        fields = List.copyOf(fields);
    }

    Optional<String> field(String lowerCaseName) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equals(lowerCaseName)) {
                return Optional.of(f.getValue());
            }
        }
        return Optional.empty();
    }

    /** Whether any Connection field lists {@code token}. */
    boolean connectionHas(String token) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equals("connection")) {
                for (String t : f.getValue().split(",")) {
                    if (t.strip().toLowerCase(Locale.ROOT).equals(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it. */
    boolean wantsKeepAlive() {
        return minorVersion == 1 ? !connectionHas("close") : connectionHas("keep-alive");
    }

    /** Whether a body follows the head (RFC 9112 §6.3): any Transfer-Encoding, or a non-zero Content-Length. */
    boolean hasBody() {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equals("transfer-encoding")) {
                return true;
            }
            if (f.getKey().equals("content-length") && !f.getValue().chars().allMatch(c -> c == '0')) {
                return true;
            }
        }
        return false;
    }

    boolean acceptsGzip() {
        // as the reference's acceptsGzipWAI: the token anywhere in Accept-Encoding
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equals("accept-encoding") && f.getValue().contains("gzip")) {
                return true;
            }
        }
        return false;
    }
}
