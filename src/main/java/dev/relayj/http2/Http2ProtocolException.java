package dev.relayj.http2;

/**
 * A violation of RFC 9113 by the peer. A connection error (stream id 0) ends the connection with
 * GOAWAY; a stream error resets only its stream with RST_STREAM (§5.4).
 */
public final class Http2ProtocolException extends Exception {
    private final Http2ErrorCode errorCode;
    private final int streamId;

    private Http2ProtocolException(Http2ErrorCode errorCode, int streamId, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.streamId = streamId;
    }

    public static Http2ProtocolException connectionError(Http2ErrorCode code, String message) {
        return new Http2ProtocolException(code, 0, message);
    }

    public static Http2ProtocolException streamError(int streamId, Http2ErrorCode code, String message) {
        if (streamId == 0) {
            throw new IllegalArgumentException("a stream error needs a stream");
        }
        return new Http2ProtocolException(code, streamId, message);
    }

    public Http2ErrorCode errorCode() {
        return errorCode;
    }

    /** The stream to reset, or 0 for a connection error. */
    public int streamId() {
        return streamId;
    }

    public boolean isConnectionError() {
        return streamId == 0;
    }
}
