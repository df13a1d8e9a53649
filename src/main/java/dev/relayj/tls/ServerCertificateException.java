package dev.relayj.tls;

import java.io.IOException;

/**
 * The relay's certificate chain was refused: not the identity in its address, or not a valid
 * chain. The handshake was aborted with an alert.
 */
public final class ServerCertificateException extends IOException {
    private final boolean unknownCa;

    ServerCertificateException(String message, boolean unknownCa) {
        super(message);
        this.unknownCa = unknownCa;
    }

    /**
     * Whether the chain's identity certificate is not the expected one: the reference reports this
     * as {@code UNKNOWNCA}, any other chain problem as a TLS error.
     */
    public boolean unknownCa() {
        return unknownCa;
    }
}
