package dev.relayj.crypto;

import dev.relayj.encoding.DecodingException;

/**
 * An Ed25519 or Ed448 signature ({@code ASignature}). Its encoding is the raw signature bytes,
 * 64 or 114 of them; decoding tells the algorithm by the length ({@code decodeSignature}).
 */
public sealed interface Signature permits Ed25519Signature, Ed448Signature {
    KeyAlgorithm algorithm();

    byte[] bytes();

    static Signature fromBytes(byte[] bytes) throws DecodingException {
        if (bytes.length == Ed25519Signature.SIZE) {
            return new Ed25519Signature(bytes);
        }
        if (bytes.length == Ed448Signature.SIZE) {
            return new Ed448Signature(bytes);
        }
        throw new DecodingException("bad signature size " + bytes.length);
    }

    /** {@code validSignatureSize}. */
    static boolean isValidSize(int length) {
        return length == Ed25519Signature.SIZE || length == Ed448Signature.SIZE;
    }
}
