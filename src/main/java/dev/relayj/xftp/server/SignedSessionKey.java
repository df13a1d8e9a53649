package dev.relayj.xftp.server;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.SignaturePrivateKey;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * The server's session key signed by its online certificate key, as the handshake carries it
 * ({@code C.signX509 serverSignKey (C.publicToX509 k)} in {@code FileTransfer/Server.hs}). hs-x509's
 * {@code objectToSignedExact} wraps the object's ASN.1 (for a key, its SubjectPublicKeyInfo) in one
 * more SEQUENCE, and that DER is what is signed:
 * <pre>
 * SEQUENCE {
 *   SEQUENCE { SubjectPublicKeyInfo }        -- signed bytes
 *   SEQUENCE { OID 1.3.101.112 / .113 }      -- Ed25519 / Ed448, no parameters
 *   BIT STRING { 0 unused bits, signature }
 * }
 * </pre>
 * The clients verify it with the key of the TLS leaf certificate (simplexmq {@code FileTransfer/Client.hs},
 * xftp-web {@code protocol/handshake.ts}).
 */
final class SignedSessionKey {
    private static final byte[] ED25519_ALGORITHM = HexFormat.of().parseHex("300506032b6570");
    private static final byte[] ED448_ALGORITHM = HexFormat.of().parseHex("300506032b6571");
    private static final int SEQUENCE = 0x30;
    private static final int BIT_STRING = 0x03;

    private SignedSessionKey() {}

    static byte[] sign(SignaturePrivateKey signer, PublicKey key) {
        byte[] signed = tlv(SEQUENCE, key.spki());
        byte[] signature = signer.sign(signed).bytes();
        byte[] algorithm = switch (signer.algorithm()) {
            case ED25519 -> ED25519_ALGORITHM;
            case ED448 -> ED448_ALGORITHM;
            case X25519, X448 -> throw new IllegalArgumentException(signer.algorithm() + " cannot sign");
        };
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        return tlv(SEQUENCE, concat(signed, algorithm, tlv(BIT_STRING, bits)));
    }

    /** DER tag, definite length and content. */
    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
