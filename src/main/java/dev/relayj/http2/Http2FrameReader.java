package dev.relayj.http2;

import static dev.relayj.http2.Http2ErrorCode.COMPRESSION_ERROR;
import static dev.relayj.http2.Http2ErrorCode.ENHANCE_YOUR_CALM;
import static dev.relayj.http2.Http2ErrorCode.FRAME_SIZE_ERROR;
import static dev.relayj.http2.Http2ErrorCode.PROTOCOL_ERROR;
import static dev.relayj.http2.Http2ProtocolException.connectionError;
import static dev.relayj.http2.Http2ProtocolException.streamError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the client's side of a connection frame by frame. Each frame is read whole before it is
 * looked at, so an error never leaves the stream mid-frame; checks that need only the frame itself
 * are made here, checks that need stream state are left to the {@link Handler}. Header blocks are
 * reassembled from HEADERS + CONTINUATION and HPACK-decoded here, in arrival order.
 */
final class Http2FrameReader {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Receives the frames that carry meaning; PRIORITY and unknown types never reach it. */
    interface Handler {
        void headers(int streamId, boolean endStream, List<HeaderField> fields) throws Http2ProtocolException;

        /** A header block decoded fine but too large for SETTINGS_MAX_HEADER_LIST_SIZE. */
        void headerListTooLarge(int streamId, boolean endStream) throws Http2ProtocolException;

        /** @param flowControlled the whole payload length, padding included (§6.9.1) */
        void data(int streamId, boolean endStream, byte[] data, int offset, int length, int flowControlled)
                throws Http2ProtocolException;

        void rstStream(int streamId, Http2ErrorCode code) throws Http2ProtocolException;

        void settings(List<Http2Settings.Setting> settings) throws Http2ProtocolException;

        void settingsAck();

        void ping(boolean ack, byte[] opaque) throws Http2ProtocolException;

        void goAway(int lastStreamId, Http2ErrorCode code, String debug);

        void windowUpdate(int streamId, int increment) throws Http2ProtocolException;
    }

    private final InputStream in;
    private final HpackDecoder hpack;
    private final int maxFrameSize;
    private final int maxHeaderBlockSize;
    private boolean settingsSeen;

    // a header block in progress: HEADERS without END_HEADERS was read, CONTINUATION must follow
    private int blockStreamId;
    private boolean blockEndStream;
    private boolean blockSelfDependent;
    private int blockContinuations;
    private final int maxContinuations;
    private final ByteArrayOutputStream block = new ByteArrayOutputStream();

    Http2FrameReader(InputStream in, Http2ServerConfig config) {
        this.in = in;
        this.hpack = new HpackDecoder(config.headerTableSize(), config.maxHeaderListSize());
        this.maxFrameSize = config.maxFrameSize();
        // Encoded fields shrink at most to about 30/8 of their size (Huffman) or to one octet
        // per 32-octet entry, so any block larger than this would decode past the list limit.
        this.maxHeaderBlockSize = config.maxHeaderListSize() * 4 + config.maxFrameSize();
        this.maxContinuations = config.abuse().continuationsPerBlock();
    }

    /** §3.4: the client's connection preface must open the connection. */
    void readPreface() throws IOException, Http2ProtocolException {
        byte[] got = in.readNBytes(PREFACE.length);
        if (!Arrays.equals(got, PREFACE)) {
            throw connectionError(PROTOCOL_ERROR, "invalid connection preface");
        }
    }

    /** @return false when the peer closed the connection cleanly between frames */
    boolean nextFrame(Handler handler) throws IOException, Http2ProtocolException {
        FrameHeader h = FrameHeader.read(in);
        if (h == null) {
            if (blockStreamId != 0) {
                throw connectionError(PROTOCOL_ERROR, "connection closed inside a header block");
            }
            return false;
        }
        if (h.length() > maxFrameSize) {
            // §4.2: any frame may alter connection state when its payload cannot be read, so we
            // always end the connection rather than skip a frame this large
            throw connectionError(FRAME_SIZE_ERROR, "frame of " + h.length() + " octets exceeds " + maxFrameSize);
        }
        byte[] payload = new byte[h.length()];
        FrameHeader.readFully(in, payload, 0, payload.length);

        if (!settingsSeen) {
            // §3.4: the client preface ends with a SETTINGS frame
            if (h.type() != FrameType.SETTINGS || h.has(FrameType.FLAG_ACK)) {
                throw connectionError(PROTOCOL_ERROR, "first frame is not SETTINGS");
            }
            settingsSeen = true;
        }
        if (blockStreamId != 0 && (h.type() != FrameType.CONTINUATION || h.streamId() != blockStreamId)) {
            // §6.10: a header block is a contiguous run of frames on one stream
            throw connectionError(PROTOCOL_ERROR, "expected CONTINUATION of stream " + blockStreamId);
        }
        switch (h.type()) {
            case FrameType.DATA -> readData(h, payload, handler);
            case FrameType.HEADERS -> readHeaders(h, payload, handler);
            case FrameType.PRIORITY -> readPriority(h, payload);
            case FrameType.RST_STREAM -> readRstStream(h, payload, handler);
            case FrameType.SETTINGS -> readSettings(h, payload, handler);
            case FrameType.PUSH_PROMISE -> throw connectionError(PROTOCOL_ERROR, "PUSH_PROMISE from a client");
            case FrameType.PING -> readPing(h, payload, handler);
            case FrameType.GOAWAY -> readGoAway(h, payload, handler);
            case FrameType.WINDOW_UPDATE -> readWindowUpdate(h, payload, handler);
            case FrameType.CONTINUATION -> readContinuation(h, payload, handler);
            default -> {
                // §4.1 and §5.5: unknown frame types are ignored
            }
        }
        return true;
    }

    /**
     * DATA (§6.1)
     * <pre>
     * +---------------+
     * |Pad Length? (8)|
     * +---------------+-----------------------------------------------+
     * |                            Data (*)                         ...
     * +---------------------------------------------------------------+
     * |                           Padding (*)                       ...
     * +---------------------------------------------------------------+
     * </pre>
     */
    private void readData(FrameHeader h, byte[] p, Handler handler) throws Http2ProtocolException {
        requireStream(h, "DATA");
        int padding = padLength(h, p);
        int offset = h.has(FrameType.FLAG_PADDED) ? 1 : 0;
        handler.data(h.streamId(), h.has(FrameType.FLAG_END_STREAM), p, offset, p.length - offset - padding, p.length);
    }

    /**
     * HEADERS (§6.2)
     * <pre>
     * +---------------+
     * |Pad Length? (8)|
     * +-+-------------+-----------------------------------------------+
     * |E|                 Stream Dependency? (31)                     |
     * +-+-------------+-----------------------------------------------+
     * |  Weight? (8)  |
     * +-+-------------+-----------------------------------------------+
     * |                   Field Block Fragment (*)                  ...
     * +---------------------------------------------------------------+
     * |                           Padding (*)                       ...
     * +---------------------------------------------------------------+
     * </pre>
     */
    private void readHeaders(FrameHeader h, byte[] p, Handler handler) throws Http2ProtocolException {
        requireStream(h, "HEADERS");
        int padding = padLength(h, p);
        int offset = h.has(FrameType.FLAG_PADDED) ? 1 : 0;
        boolean selfDependent = false;
        if (h.has(FrameType.FLAG_PRIORITY)) {
            if (p.length - offset - padding < 5) {
                throw connectionError(FRAME_SIZE_ERROR, "HEADERS too short for its priority fields");
            }
            selfDependent = dependency(p, offset) == h.streamId();
            offset += 5;
        }
        blockStreamId = h.streamId();
        blockEndStream = h.has(FrameType.FLAG_END_STREAM);
        blockSelfDependent = selfDependent;
        blockContinuations = 0;
        block.reset();
        appendFragment(p, offset, p.length - offset - padding);
        if (h.has(FrameType.FLAG_END_HEADERS)) {
            endHeaderBlock(handler);
        }
    }

    /**
     * CONTINUATION (§6.10)
     * <pre>
     * +---------------------------------------------------------------+
     * |                   Field Block Fragment (*)                  ...
     * +---------------------------------------------------------------+
     * </pre>
     */
    private void readContinuation(FrameHeader h, byte[] p, Handler handler) throws Http2ProtocolException {
        if (blockStreamId == 0) {
            throw connectionError(PROTOCOL_ERROR, "CONTINUATION without a header block");
        }
        if (++blockContinuations > maxContinuations) {
            // CONTINUATION flood (2024): frames too small to hit the size limit, without end
            throw connectionError(ENHANCE_YOUR_CALM, "more than " + maxContinuations + " CONTINUATION frames in a header block");
        }
        appendFragment(p, 0, p.length);
        if (h.has(FrameType.FLAG_END_HEADERS)) {
            endHeaderBlock(handler);
        }
    }

    private void appendFragment(byte[] p, int offset, int length) throws Http2ProtocolException {
        if (block.size() + length > maxHeaderBlockSize) {
            throw connectionError(ENHANCE_YOUR_CALM, "header block larger than " + maxHeaderBlockSize);
        }
        block.write(p, offset, length);
    }

    private void endHeaderBlock(Handler handler) throws Http2ProtocolException {
        int streamId = blockStreamId;
        blockStreamId = 0;
        List<HeaderField> fields;
        try {
            fields = hpack.decode(block.toByteArray());
        } catch (HpackException e) {
            throw connectionError(COMPRESSION_ERROR, e.getMessage());
        } catch (HeaderListTooLargeException e) {
            if (blockSelfDependent) {
                throw streamError(streamId, PROTOCOL_ERROR, "stream depends on itself");
            }
            handler.headerListTooLarge(streamId, blockEndStream);
            return;
        } finally {
            block.reset();
        }
        if (blockSelfDependent) {
            // §5.3.1, checked only now so that the block still updated the HPACK table
            throw streamError(streamId, PROTOCOL_ERROR, "stream depends on itself");
        }
        handler.headers(streamId, blockEndStream, fields);
    }

    /**
     * PRIORITY (§6.3), deprecated by RFC 9113 and ignored once checked.
     * <pre>
     * +-+-------------------------------------------------------------+
     * |E|                  Stream Dependency (31)                     |
     * +-+-------------+-----------------------------------------------+
     * |   Weight (8)  |
     * +-+-------------+
     * </pre>
     */
    private void readPriority(FrameHeader h, byte[] p) throws Http2ProtocolException {
        requireStream(h, "PRIORITY");
        if (p.length != 5) {
            throw streamError(h.streamId(), FRAME_SIZE_ERROR, "PRIORITY of " + p.length + " octets");
        }
        if (dependency(p, 0) == h.streamId()) {
            throw streamError(h.streamId(), PROTOCOL_ERROR, "stream depends on itself");
        }
    }

    /**
     * RST_STREAM (§6.4)
     * <pre>
     * +---------------------------------------------------------------+
     * |                        Error Code (32)                        |
     * +---------------------------------------------------------------+
     * </pre>
     */
    private void readRstStream(FrameHeader h, byte[] p, Handler handler) throws Http2ProtocolException {
        requireStream(h, "RST_STREAM");
        if (p.length != 4) {
            throw connectionError(FRAME_SIZE_ERROR, "RST_STREAM of " + p.length + " octets");
        }
        handler.rstStream(h.streamId(), Http2ErrorCode.of(int32(p, 0)));
    }

    /**
     * SETTINGS (§6.5): zero or more of
     * <pre>
     * +-------------------------------+
     * |       Identifier (16)         |
     * +-------------------------------+-------------------------------+
     * |                        Value (32)                             |
     * +---------------------------------------------------------------+
     * </pre>
     */
    private void readSettings(FrameHeader h, byte[] p, Handler handler) throws Http2ProtocolException {
        if (h.streamId() != 0) {
            throw connectionError(PROTOCOL_ERROR, "SETTINGS on stream " + h.streamId());
        }
        if (h.has(FrameType.FLAG_ACK)) {
            if (p.length != 0) {
                throw connectionError(FRAME_SIZE_ERROR, "SETTINGS ACK with a payload");
            }
            handler.settingsAck();
            return;
        }
        if (p.length % 6 != 0) {
            throw connectionError(FRAME_SIZE_ERROR, "SETTINGS of " + p.length + " octets");
        }
        List<Http2Settings.Setting> settings = new ArrayList<>(p.length / 6);
        for (int i = 0; i < p.length; i += 6) {
            int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
            settings.add(new Http2Settings.Setting(id, int32(p, i + 2) & 0xffffffffL));
        }
        handler.settings(settings);
    }

    /**
     * PING (§6.7)
     * <pre>
     * +---------------------------------------------------------------+
     * |                      Opaque Data (64)                         |
     * +---------------------------------------------------------------+
     * </pre>
     */
    private void readPing(FrameHeader h, byte[] p, Handler handler) throws Http2ProtocolException {
        if (h.streamId() != 0) {
            throw connectionError(PROTOCOL_ERROR, "PING on stream " + h.streamId());
        }
        if (p.length != 8) {
            throw connectionError(FRAME_SIZE_ERROR, "PING of " + p.length + " octets");
        }
        handler.ping(h.has(FrameType.FLAG_ACK), p);
    }

    /**
     * GOAWAY (§6.8)
     * <pre>
     * +-+-------------------------------------------------------------+
     * |R|                  Last-Stream-ID (31)                        |
     * +-+-------------------------------------------------------------+
     * |                      Error Code (32)                          |
     * +---------------------------------------------------------------+
     * |                  Additional Debug Data (*)                    |
     * +---------------------------------------------------------------+
     * </pre>
     */
    private void readGoAway(FrameHeader h, byte[] p, Handler handler) throws Http2ProtocolException {
        if (h.streamId() != 0) {
            throw connectionError(PROTOCOL_ERROR, "GOAWAY on stream " + h.streamId());
        }
        if (p.length < 8) {
            throw connectionError(FRAME_SIZE_ERROR, "GOAWAY of " + p.length + " octets");
        }
        handler.goAway(int32(p, 0) & 0x7fffffff, Http2ErrorCode.of(int32(p, 4)),
                new String(p, 8, p.length - 8, StandardCharsets.ISO_8859_1));
    }

    /**
     * WINDOW_UPDATE (§6.9)
     * <pre>
     * +-+-------------------------------------------------------------+
     * |R|              Window Size Increment (31)                     |
     * +-+-------------------------------------------------------------+
     * </pre>
     */
    private void readWindowUpdate(FrameHeader h, byte[] p, Handler handler) throws Http2ProtocolException {
        if (p.length != 4) {
            throw connectionError(FRAME_SIZE_ERROR, "WINDOW_UPDATE of " + p.length + " octets");
        }
        int increment = int32(p, 0) & 0x7fffffff;
        handler.windowUpdate(h.streamId(), increment);
    }

    private static void requireStream(FrameHeader h, String frame) throws Http2ProtocolException {
        if (h.streamId() == 0) {
            throw connectionError(PROTOCOL_ERROR, frame + " on stream 0");
        }
    }

    /** §6.1/§6.2: padding that is not shorter than the rest of the payload is a PROTOCOL_ERROR. */
    private static int padLength(FrameHeader h, byte[] p) throws Http2ProtocolException {
        if (!h.has(FrameType.FLAG_PADDED)) {
            return 0;
        }
        if (p.length < 1) {
            throw connectionError(FRAME_SIZE_ERROR, "padded frame without a pad length");
        }
        int padding = p[0] & 0xff;
        int fixed = 1 + (h.type() == FrameType.HEADERS && h.has(FrameType.FLAG_PRIORITY) ? 5 : 0);
        if (padding > p.length - fixed) {
            throw connectionError(PROTOCOL_ERROR, "padding of " + padding + " exceeds the payload");
        }
        return padding;
    }

    private static int dependency(byte[] p, int offset) {
        return int32(p, offset) & 0x7fffffff;
    }

    private static int int32(byte[] p, int offset) {
        return ((p[offset] & 0xff) << 24) | ((p[offset + 1] & 0xff) << 16)
                | ((p[offset + 2] & 0xff) << 8) | (p[offset + 3] & 0xff);
    }
}
