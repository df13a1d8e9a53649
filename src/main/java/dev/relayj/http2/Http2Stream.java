package dev.relayj.http2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;

/**
 * One request/response exchange. Every field is guarded by its connection's lock; the connection
 * owns the stream and is the only one to change its windows and state.
 */
final class Http2Stream {
    final int id;
    /** Signalled when body data, END_STREAM or a failure arrives. */
    final Condition bodyChanged;

    /** Received body data not yet read by the handler. */
    final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    int buffered;
    boolean remoteEnded;
    /** Our END_STREAM has been (or is being) sent. */
    boolean localEnded;
    /** Set when the stream is reset or the connection ends: reads and writes then fail with it. */
    IOException failure;

    /** Octets we may still send (§6.9.1); negative after the peer shrinks SETTINGS_INITIAL_WINDOW_SIZE. */
    long sendWindow;
    /** Octets the peer may still send before we announce more. */
    long recvWindow;
    /** Octets the handler has read but we have not yet returned to the peer. */
    int recvUnacked;

    final long declaredLength;
    long received;

    Http2Stream(int id, Condition bodyChanged, long sendWindow, long recvWindow, long declaredLength) {
        this.id = id;
        this.bodyChanged = bodyChanged;
        this.sendWindow = sendWindow;
        this.recvWindow = recvWindow;
        this.declaredLength = declaredLength;
    }
}
