package dev.relayj.xftp.protocol;

import java.util.Arrays;

/**
 * The authorization at the head of a transmission, told apart by its length as
 * {@code decodeTAuthBytes} in {@code Protocol.hs} does: none (empty), a crypto_box authenticator
 * (80 bytes, for X25519 keys), or an Ed25519 (64) or Ed448 (114) signature.
 */
public record TransmissionAuth(Kind kind, byte[] bytes) {
    public static final int AUTHENTICATOR_SIZE = 80;
    public static final int ED25519_SIGNATURE_SIZE = 64;
    public static final int ED448_SIGNATURE_SIZE = 114;

    public static final TransmissionAuth NONE = new TransmissionAuth(Kind.NONE, new byte[0]);

    public enum Kind {
        NONE,
        AUTHENTICATOR,
        ED25519_SIGNATURE,
        ED448_SIGNATURE
    }

    public TransmissionAuth {
        bytes = bytes.clone();
        if (kindOf(bytes.length) != kind) {
            throw new IllegalArgumentException(bytes.length + " bytes cannot be " + kind);
        }
    }

    /** Classifies authorization bytes; any other length is a bad block. */
    public static TransmissionAuth of(byte[] bytes) throws XftpException {
        Kind kind = kindOf(bytes.length);
        if (kind == null) {
            throw new XftpException(XftpError.BLOCK);
        }
        return new TransmissionAuth(kind, bytes);
    }

    public boolean isPresent() {
        return kind != Kind.NONE;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    private static Kind kindOf(int length) {
        return switch (length) {
            case 0 -> Kind.NONE;
            case AUTHENTICATOR_SIZE -> Kind.AUTHENTICATOR;
            case ED25519_SIGNATURE_SIZE -> Kind.ED25519_SIGNATURE;
            case ED448_SIGNATURE_SIZE -> Kind.ED448_SIGNATURE;
            default -> null;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransmissionAuth a && kind == a.kind && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TransmissionAuth[" + kind + "]";
    }
}
