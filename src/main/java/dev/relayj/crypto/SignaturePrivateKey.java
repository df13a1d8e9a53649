package dev.relayj.crypto;

import dev.relayj.encoding.DecodingException;
import java.security.SecureRandom;

/** An Ed25519 or Ed448 key that signs ({@code APrivateSignKey}). */
public sealed interface SignaturePrivateKey extends PrivateKey permits Ed25519PrivateKey, Ed448PrivateKey {
    @Override
    SignaturePublicKey publicKey();

    /** {@code sign}: signs {@code length} bytes of {@code data} from {@code offset}. */
    Signature sign(byte[] data, int offset, int length);

    default Signature sign(byte[] data) {
        return sign(data, 0, data.length);
    }

    static SignaturePrivateKey fromPkcs8(byte[] der) throws DecodingException {
        if (PrivateKey.fromPkcs8(der) instanceof SignaturePrivateKey key) {
            return key;
        }
        throw new DecodingException("expected an Ed25519 or Ed448 private key");
    }

    /** A new key of a signature algorithm; other algorithms are a programming error. */
    static SignaturePrivateKey generate(KeyAlgorithm algorithm, SecureRandom random) {
        return switch (algorithm) {
            case ED25519 -> Ed25519PrivateKey.generate(random);
            case ED448 -> Ed448PrivateKey.generate(random);
            case X25519, X448 -> throw new IllegalArgumentException(algorithm + " cannot sign");
        };
    }
}
