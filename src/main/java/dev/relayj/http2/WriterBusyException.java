package dev.relayj.http2;

import java.io.IOException;

/**
 * The connection's writer stayed taken for the whole stall timeout: another stream's frame is
 * stuck on a client that does not read. Nothing of this frame was written, so the connection is
 * intact; only the stream that waited gives up.
 */
final class WriterBusyException extends IOException {
    WriterBusyException(String message) {
        super(message);
    }
}
