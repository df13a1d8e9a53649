package dev.relayj.http2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The response to one request. Set the status and headers, then either {@link #send(byte[])} a
 * whole body, or take {@link #body()} and write to it (closing it ends the stream), or
 * {@link #sendFrom(InputStream)} to stream a body of any size. Headers are sent when the body is
 * first taken; after that status and headers can no longer change.
 */
public final class Http2Response {
    private final Http2Connection connection;
    private final Http2Stream stream;
    private final List<HeaderField> headers = new ArrayList<>();
    private int status = 200;
    private ResponseBodyOutput body;
    private boolean ended;

    Http2Response(Http2Connection connection, Http2Stream stream) {
        this.connection = connection;
        this.stream = stream;
    }

    public Http2Response status(int code) {
        requireUncommitted();
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status " + code);
        }
        this.status = code;
        return this;
    }

    /** Adds a header; the name is sent in lower case as HTTP/2 requires (§8.2.1). */
    public Http2Response header(String name, String value) {
        requireUncommitted();
        if (name.isEmpty() || name.startsWith(":")) {
            throw new IllegalArgumentException("header name " + name);
        }
        headers.add(new HeaderField(name.toLowerCase(Locale.ROOT), value));
        return this;
    }

    public boolean isCommitted() {
        return body != null || ended;
    }

    /** Sends the headers (once) and returns the body stream; close it to end the response. */
    public OutputStream body() throws IOException {
        if (body == null) {
            requireUncommitted();
            connection.sendHeaders(stream, fields(), false);
            body = new ResponseBodyOutput(connection, stream);
        }
        return body;
    }

    /** Sends the whole response; an empty body ends the stream with the HEADERS frame. */
    public void send(byte[] content) throws IOException {
        if (content.length == 0) {
            requireUncommitted();
            ended = true;
            connection.sendHeaders(stream, fields(), true);
            return;
        }
        try (OutputStream out = body()) {
            out.write(content);
        }
    }

    /** Sends the headers and then everything {@code content} yields, ending the stream after it. */
    public void sendFrom(InputStream content) throws IOException {
        try (OutputStream out = body()) {
            content.transferTo(out);
        }
    }

    /** Completes whatever the handler left open. */
    void finish() throws IOException {
        if (ended) {
            return;
        }
        if (body == null) {
            send(new byte[0]);
        } else {
            body.close();
        }
    }

    private List<HeaderField> fields() {
        List<HeaderField> fields = new ArrayList<>(headers.size() + 1);
        fields.add(new HeaderField(":status", Integer.toString(status)));
        fields.addAll(headers);
        return fields;
    }

    private void requireUncommitted() {
        if (isCommitted()) {
            throw new IllegalStateException("response already started");
        }
    }
}
