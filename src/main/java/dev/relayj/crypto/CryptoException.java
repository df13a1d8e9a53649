package dev.relayj.crypto;

/**
 * A decryption, authentication or padding failure. Checked, because its usual cause is data from
 * the network, which every caller must be ready to reject.
 */
public final class CryptoException extends Exception {
    private final CryptoError error;

    public CryptoException(CryptoError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    public CryptoError error() {
        return error;
    }
}
