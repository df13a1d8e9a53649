package dev.relayj.http2;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request as the handler sees it.
 *
 * @param streamId  the HTTP/2 stream carrying it
 * @param method    {@code :method}
 * @param scheme    {@code :scheme} ("" for CONNECT)
 * @param authority {@code :authority}, or "" when absent
 * @param path      {@code :path} ("" for CONNECT)
 * @param headers   the regular header fields in arrival order, names in lower case
 * @param body      the request body, delivered as it arrives: reads block until DATA comes and
 *                  return -1 at END_STREAM; reading releases flow-control window to the client;
 *                  reads fail with an IOException when the stream or connection is reset
 */
public record Http2Request(
        int streamId,
        String method,
        String scheme,
        String authority,
        String path,
        List<HeaderField> headers,
        InputStream body) {

    public Http2Request {
        headers = List.copyOf(headers);
    }

    /** The first value of a header, by its lower-case name. */
    public Optional<String> header(String name) {
        for (HeaderField f : headers) {
            if (f.name().equals(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    public boolean hasHeader(String name) {
        return header(name).isPresent();
    }

    /** The declared body length; the server has checked the body against it. */
    public OptionalLong contentLength() {
        return header("content-length").map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }
}
