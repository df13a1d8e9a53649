package dev.relayj.http2;

import java.util.List;

/**
 * The six RFC 9113 §6.5.2 settings one endpoint announced. Values that may reach 2^32 - 1 are
 * clamped to {@link Integer#MAX_VALUE}, which is "unlimited" for our purposes.
 */
public record Http2Settings(
        int headerTableSize,
        boolean enablePush,
        int maxConcurrentStreams,
        int initialWindowSize,
        int maxFrameSize,
        int maxHeaderListSize) {

    static final int HEADER_TABLE_SIZE = 0x1;
    static final int ENABLE_PUSH = 0x2;
    static final int MAX_CONCURRENT_STREAMS = 0x3;
    static final int INITIAL_WINDOW_SIZE = 0x4;
    static final int MAX_FRAME_SIZE = 0x5;
    static final int MAX_HEADER_LIST_SIZE = 0x6;

    public static final int MIN_MAX_FRAME_SIZE = 16384;
    public static final int MAX_MAX_FRAME_SIZE = (1 << 24) - 1;
    public static final int MAX_WINDOW_SIZE = Integer.MAX_VALUE;

    /** What a peer has "announced" before its first SETTINGS frame arrives (§6.5.2). */
    public static final Http2Settings PROTOCOL_DEFAULTS =
            new Http2Settings(4096, true, Integer.MAX_VALUE, 65535, MIN_MAX_FRAME_SIZE, Integer.MAX_VALUE);

    /** One identifier/value pair of a SETTINGS frame, as it came off the wire. */
    record Setting(int id, long value) {}

    /** Applies the pairs in order (§6.5.3); unknown identifiers are ignored (§6.5.2). */
    Http2Settings apply(List<Setting> changes) throws Http2ProtocolException {
        Http2Settings s = this;
        for (Setting c : changes) {
            int clamped = (int) Math.min(c.value(), Integer.MAX_VALUE);
            s = switch (c.id()) {
                case HEADER_TABLE_SIZE -> new Http2Settings(clamped, s.enablePush, s.maxConcurrentStreams,
                        s.initialWindowSize, s.maxFrameSize, s.maxHeaderListSize);
                case ENABLE_PUSH -> {
                    if (c.value() > 1) {
                        throw Http2ProtocolException.connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                                "SETTINGS_ENABLE_PUSH " + c.value());
                    }
                    yield new Http2Settings(s.headerTableSize, c.value() == 1, s.maxConcurrentStreams,
                            s.initialWindowSize, s.maxFrameSize, s.maxHeaderListSize);
                }
                case MAX_CONCURRENT_STREAMS -> new Http2Settings(s.headerTableSize, s.enablePush, clamped,
                        s.initialWindowSize, s.maxFrameSize, s.maxHeaderListSize);
                case INITIAL_WINDOW_SIZE -> {
                    if (c.value() > MAX_WINDOW_SIZE) {
                        throw Http2ProtocolException.connectionError(Http2ErrorCode.FLOW_CONTROL_ERROR,
                                "SETTINGS_INITIAL_WINDOW_SIZE " + c.value());
                    }
                    yield new Http2Settings(s.headerTableSize, s.enablePush, s.maxConcurrentStreams,
                            clamped, s.maxFrameSize, s.maxHeaderListSize);
                }
                case MAX_FRAME_SIZE -> {
                    if (c.value() < MIN_MAX_FRAME_SIZE || c.value() > MAX_MAX_FRAME_SIZE) {
                        throw Http2ProtocolException.connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                                "SETTINGS_MAX_FRAME_SIZE " + c.value());
                    }
                    yield new Http2Settings(s.headerTableSize, s.enablePush, s.maxConcurrentStreams,
                            s.initialWindowSize, clamped, s.maxHeaderListSize);
                }
                case MAX_HEADER_LIST_SIZE -> new Http2Settings(s.headerTableSize, s.enablePush,
                        s.maxConcurrentStreams, s.initialWindowSize, s.maxFrameSize, clamped);
                default -> s;
            };
        }
        return s;
    }
}
