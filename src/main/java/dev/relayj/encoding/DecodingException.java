package dev.relayj.encoding;

/**
 * Bad input met while decoding. Checked, so that every parser states it; the protocol layer turns
 * it into the protocol's own error (for SMP and XFTP, {@code CMD SYNTAX} or a closed connection).
 */
public final class DecodingException extends Exception {
    public DecodingException(String message) {
        super(message, null, false, false);
    }
}
