package dev.relayj.crypto;

import dev.relayj.encoding.DecodingException;

/**
 * The output of a Diffie-Hellman agreement ({@code DhSecret}): the raw X25519 or X448 shared
 * secret, as {@code dhBytes'} gives it. Zero it with {@link #destroy()}.
 */
public sealed interface DhSecret permits X25519Secret, X448Secret {
    KeyAlgorithm algorithm();

    byte[] bytes();

    void destroy();

    /** {@code ADhSecret}'s decoding: the curve is told by the length (32 or 56 bytes). */
    static DhSecret fromBytes(byte[] bytes) throws DecodingException {
        if (bytes.length == KeyAlgorithm.X25519.rawLength()) {
            return new X25519Secret(bytes);
        }
        if (bytes.length == KeyAlgorithm.X448.rawLength()) {
            return new X448Secret(bytes);
        }
        throw new DecodingException("shared secret must be 32 or 56 bytes, got " + bytes.length);
    }
}
