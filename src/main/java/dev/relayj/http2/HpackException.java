package dev.relayj.http2;

/** A header block that cannot be decoded: the connection must end with COMPRESSION_ERROR. */
public final class HpackException extends Exception {
    public HpackException(String message) {
        super(message, null, false, false);
    }
}
