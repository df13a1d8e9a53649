package dev.relayj.crypto;

/** An Ed25519 or Ed448 key that verifies signatures ({@code APublicVerifyKey}). */
public sealed interface SignaturePublicKey extends PublicKey permits Ed25519PublicKey, Ed448PublicKey {
    /**
     * {@code verify}: whether the signature is this key's over {@code length} bytes of {@code data}
     * from {@code offset}. A signature of the other algorithm, or a key that is not a curve point,
     * does not verify.
     */
    boolean verify(Signature signature, byte[] data, int offset, int length);

    default boolean verify(Signature signature, byte[] data) {
        return verify(signature, data, 0, data.length);
    }
}
