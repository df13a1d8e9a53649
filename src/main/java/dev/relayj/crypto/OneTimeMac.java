package dev.relayj.crypto;

/** A Poly1305 MAC under a one-time key: the tag of all bytes given, once. Used by one thread. */
sealed interface OneTimeMac permits Poly1305Mac, JdkPoly1305 {
    void update(byte[] data, int offset, int length);

    /** Writes the 16-byte tag; the MAC is spent. */
    void doFinal(byte[] out, int offset);

    /**
     * Poly1305 under the 32-byte key at {@code offset}: the JDK's intrinsic one when java.base lets
     * relayj reach it, else relayj's own. Both give the same tags.
     */
    static OneTimeMac poly1305(byte[] key, int offset) {
        return JdkPoly1305.AVAILABLE ? new JdkPoly1305(key, offset) : new Poly1305Mac(key, offset);
    }
}
