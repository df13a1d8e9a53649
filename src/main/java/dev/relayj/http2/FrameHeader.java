package dev.relayj.http2;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The 9-octet header in front of every frame (RFC 9113 §4.1):
 * <pre>
 * +-----------------------------------------------+
 * |                 Length (24)                   |
 * +---------------+---------------+---------------+
 * |   Type (8)    |   Flags (8)   |
 * +-+-------------+---------------+-------------------------------+
 * |R|                 Stream Identifier (31)                      |
 * +=+=============================================================+
 * </pre>
 */
record FrameHeader(int length, int type, int flags, int streamId) {
    static final int SIZE = 9;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** @return the header, or null if the stream ended cleanly before its first octet */
    static FrameHeader read(InputStream in) throws IOException {
        byte[] b = new byte[SIZE];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        b[0] = (byte) first;
        readFully(in, b, 1, SIZE - 1);
        int length = ((b[0] & 0xff) << 16) | ((b[1] & 0xff) << 8) | (b[2] & 0xff);
        // the reserved bit is ignored on receipt
        int streamId = ((b[5] & 0x7f) << 24) | ((b[6] & 0xff) << 16) | ((b[7] & 0xff) << 8) | (b[8] & 0xff);
        return new FrameHeader(length, b[3] & 0xff, b[4] & 0xff, streamId);
    }

    /** Writes the 9 octets at the start of {@code frame}. */
    void writeTo(byte[] frame) {
        frame[0] = (byte) (length >>> 16);
        frame[1] = (byte) (length >>> 8);
        frame[2] = (byte) length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        frame[5] = (byte) (streamId >>> 24);
        frame[6] = (byte) (streamId >>> 16);
        frame[7] = (byte) (streamId >>> 8);
        frame[8] = (byte) streamId;
    }

    static void readFully(InputStream in, byte[] b, int offset, int length) throws IOException {
        int n = in.readNBytes(b, offset, length);
        if (n < length) {
            throw new EOFException("connection closed inside a frame");
        }
    }
}
