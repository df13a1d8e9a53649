package dev.relayj.transport;

/** A handshake or block failure, carrying the reference's {@link TransportError}. */
public final class TransportException extends Exception {
    private final TransportError error;

    public TransportException(TransportError error) {
        super(error.text(), null, false, false);
        this.error = error;
    }

    public TransportException(HandshakeError error) {
        this(TransportError.handshake(error));
    }

    public TransportError error() {
        return error;
    }
}
