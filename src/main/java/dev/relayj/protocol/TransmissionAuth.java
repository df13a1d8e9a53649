package dev.relayj.protocol;

import java.util.Arrays;

/**
 * How a transmission is authorized ({@code TransmissionAuth}): an Ed25519 or Ed448 signature, or
 * from v7 a crypto_box authenticator (80 bytes: a SHA-512 hash and its 16-byte tag). On the wire
 * only the bytes are sent; their length tells which it is ({@code decodeTAuthBytes}).
 */
public sealed interface TransmissionAuth permits TransmissionAuth.Signature, TransmissionAuth.Authenticator {

    int ED25519_SIGNATURE_LENGTH = 64;
    int ED448_SIGNATURE_LENGTH = 114;
    int AUTHENTICATOR_LENGTH = 80;

    byte[] bytes();

    record Signature(byte[] bytes) implements TransmissionAuth {
        public Signature {
            if (bytes.length != ED25519_SIGNATURE_LENGTH && bytes.length != ED448_SIGNATURE_LENGTH) {
                throw new IllegalArgumentException("bad signature size " + bytes.length);
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() { return bytes.clone(); }

        public boolean isEd25519() { return bytes.length == ED25519_SIGNATURE_LENGTH; }

        @Override
        public boolean equals(Object other) {
            return other instanceof Signature s && Arrays.equals(s.bytes, bytes);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(bytes); }
    }

    record Authenticator(byte[] bytes) implements TransmissionAuth {
        public Authenticator {
            if (bytes.length != AUTHENTICATOR_LENGTH) {
                throw new IllegalArgumentException("bad authenticator size " + bytes.length);
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() { return bytes.clone(); }

        @Override
        public boolean equals(Object other) {
            return other instanceof Authenticator a && Arrays.equals(a.bytes, bytes);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(bytes); }
    }

    /** Reads the authorization from its bytes; null when there are none. */
    static TransmissionAuth fromBytes(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        return bytes.length == AUTHENTICATOR_LENGTH ? new Authenticator(bytes) : new Signature(bytes);
    }

    /** Whether {@link #fromBytes} accepts these bytes. */
    static boolean isValidLength(int length) {
        return length == 0 || length == AUTHENTICATOR_LENGTH || length == ED25519_SIGNATURE_LENGTH
                || length == ED448_SIGNATURE_LENGTH;
    }
}
