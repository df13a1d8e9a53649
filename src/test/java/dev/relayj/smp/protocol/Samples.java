package dev.relayj.smp.protocol;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.Ed448PublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.EntityId;
import dev.relayj.testing.ReferenceFixtures;
import dev.relayj.transport.CertChainPubKey;
import dev.relayj.transport.CertificateChain;
import dev.relayj.transport.SignedKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Keys and values from simplexmq's tests/ServerTests.hs, and small byte helpers. */
final class Samples {
    private Samples() {}

    /** {@code samplePubKey} of ServerTests.hs (standard base64 of the SPKI). */
    static final String SAMPLE_PUB_KEY_SPKI = "MCowBQYDK2VwAyEAfAOflyvbJv1fszgzkQ6buiZJVgSpQWsucXq7U6zjMgY=";
    /** {@code sampleDhPubKey} of ServerTests.hs. */
    static final String SAMPLE_DH_PUB_KEY_SPKI = "MCowBQYDK2VuAyEAriy+HcARIhqsgSjVnjKqoft+y6pxrxdY68zn4+LjYhQ=";
    /** {@code sampleSig} of ServerTests.hs: a 64-byte Ed25519 signature. */
    static final String SAMPLE_SIG = "e8JK+8V3fq6kOLqco/SaKlpNaQ7i1gfOrXoqekEl42u4mF8Bgu14T5j0189CGcUhJHw2RwCMvON+qbvQ9ecJAA==";

    static final Ed25519PublicKey SAMPLE_PUB_KEY = (Ed25519PublicKey) spki(SAMPLE_PUB_KEY_SPKI);
    static final X25519PublicKey SAMPLE_DH_PUB_KEY = (X25519PublicKey) spki(SAMPLE_DH_PUB_KEY_SPKI);
    static final byte[] SAMPLE_SIG_BYTES = Base64.getDecoder().decode(SAMPLE_SIG);

    static final Ed448PublicKey ED448_KEY = new Ed448PublicKey(filled(57, 7));
    static final X25519PublicKey X25519_KEY = new X25519PublicKey(filled(32, 9));

    static PublicKey spki(String base64) {
        try {
            return PublicKey.fromSpki(Base64.getDecoder().decode(base64));
        } catch (DecodingException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, position, part.length);
            position += part.length;
        }
        return out;
    }

    /** A short byte string: length byte then the bytes. */
    static byte[] shortBytes(byte[] bytes) {
        return concat(new byte[] {(byte) bytes.length}, bytes);
    }

    static byte[] shortBytes(String text) {
        return shortBytes(ascii(text));
    }

    /** A Large byte string: 2-byte length then the bytes. */
    static byte[] large(byte[] bytes) {
        return concat(new byte[] {(byte) (bytes.length >>> 8), (byte) bytes.length}, bytes);
    }

    static byte[] key(PublicKey key) {
        return shortBytes(key.spki());
    }

    static EntityId entity(String text) {
        return new EntityId(ascii(text));
    }

    /** The DER of a PEM certificate of the reference's test fixtures. */
    static byte[] fixtureCertificate(String name) {
        try {
            String pem = java.nio.file.Files.readString(ReferenceFixtures.path(name));
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A relay's certificate chain (the reference's Ed25519 test fixtures) and a session key signed by a fresh key. */
    static CertChainPubKey certKey() {
        CertificateChain chain = CertificateChain.of(
                List.of(fixtureCertificate("ed25519/server.crt"), fixtureCertificate("ed25519/ca.crt")));
        SignedKey signed = SignedKey.sign(Ed25519PrivateKey.generate(new SecureRandom()), X25519_KEY);
        return new CertChainPubKey(chain, signed);
    }
}
