package dev.relayj.transport;

/** {@code HandshakeError} of {@code Transport.hs}; its text form is the constant's name. */
public enum HandshakeError {
    /** The handshake block could not be parsed. */
    PARSE,
    /** The client expected another server (CA certificate fingerprint mismatch). */
    IDENTITY,
    /** A certificate or a signed key in the handshake did not verify. */
    BAD_AUTH,
    /** The server could not read or create the record of a service client. */
    BAD_SERVICE
}
