package dev.relayj.crypto;

/** The failures of simplexmq's {@code CryptoError} that the relays can meet. */
public enum CryptoError {
    /** {@code CBDecryptError}: authentication tag mismatch or a packet shorter than the tag. */
    DECRYPT,
    /** {@code CryptoLargeMsgError}: the message does not fit the padded length. */
    LARGE_MESSAGE,
    /** {@code CryptoInvalidMsgError}: padded data without a valid length prefix. */
    INVALID_MESSAGE
}
