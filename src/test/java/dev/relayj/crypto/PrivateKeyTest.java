package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.encoding.DecodingException;
import dev.relayj.testing.ReferenceFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

class PrivateKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path FIXTURES = ReferenceFixtures.DIR;

    private static byte[] seq(int from, int to) {
        byte[] bytes = new byte[to - from + 1];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (from + i);
        }
        return bytes;
    }

    @Test
    void encodesPkcs8AsHsX509Does() {
        // the DER prefixes pinned in simplexmq's tests/XFTPWebTests.hs ("crypto/keys")
        assertEquals("302e020100300506032b657004220420" + HEX.formatHex(seq(1, 32)),
                HEX.formatHex(new Ed25519PrivateKey(seq(1, 32)).pkcs8()));
        assertEquals("302e020100300506032b656e04220420" + HEX.formatHex(seq(1, 32)),
                HEX.formatHex(new X25519PrivateKey(seq(1, 32)).pkcs8()));
        assertEquals("3047020100300506032b6571043b0439" + HEX.formatHex(seq(1, 57)),
                HEX.formatHex(new Ed448PrivateKey(seq(1, 57)).pkcs8()));
        assertEquals("3046020100300506032b656f043a0438" + HEX.formatHex(seq(1, 56)),
                HEX.formatHex(new X448PrivateKey(seq(1, 56)).pkcs8()));
    }

    @Test
    void pkcs8RoundTripsForEveryAlgorithm() throws DecodingException {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            PrivateKey key = PrivateKey.generate(algorithm, RANDOM);
            PrivateKey decoded = PrivateKey.fromPkcs8(key.pkcs8());
            assertEquals(algorithm, decoded.algorithm());
            assertEquals(key, decoded);
            assertArrayEquals(key.raw(), decoded.raw());
            assertEquals(key.publicKey(), decoded.publicKey());
            assertEquals(key.publicKey(), PublicKey.fromSpki(decoded.publicKey().spki()));
        }
    }

    @Test
    void readsTheReferenceFixtureKeysAndMatchesTheirCertificates() throws IOException, DecodingException {
        for (Path dir : new Path[] {FIXTURES, FIXTURES.resolve("ed25519")}) {
            for (String name : new String[] {"ca", "server"}) {
                SignaturePrivateKey key = SignaturePrivateKey.fromPkcs8(pemBody(dir.resolve(name + ".key")));
                Certificate certificate = Certificate.getInstance(pemBody(dir.resolve(name + ".crt")));
                byte[] certificateKey = certificate.getSubjectPublicKeyInfo().getEncoded();
                assertArrayEquals(certificateKey, key.publicKey().spki(), dir + "/" + name);
                assertArrayEquals(pemBody(dir.resolve(name + ".key")), key.pkcs8(), "re-encodes byte for byte");
            }
        }
        assertInstanceOf(Ed448PrivateKey.class, PrivateKey.fromPkcs8(pemBody(FIXTURES.resolve("server.key"))));
        assertInstanceOf(Ed25519PrivateKey.class, PrivateKey.fromPkcs8(pemBody(FIXTURES.resolve("ed25519/server.key"))));
    }

    @Test
    void acceptsVersion1WithPublicKey() throws DecodingException {
        Ed25519PrivateKey key = new Ed25519PrivateKey(seq(1, 32));
        // OneAsymmetricKey (RFC 8410 section 10.3): version 1, then [1] IMPLICIT BIT STRING public key
        String der = "3051020101300506032b657004220420" + HEX.formatHex(seq(1, 32))
                + "812100" + HEX.formatHex(key.publicKey().raw());
        assertEquals(key, PrivateKey.fromPkcs8(HEX.parseHex(der)));
    }

    @Test
    void rejectsMalformedPkcs8() {
        byte[] good = new Ed25519PrivateKey(seq(1, 32)).pkcs8();
        assertMalformed(new byte[0]);
        assertMalformed(Arrays.copyOf(good, good.length - 1));
        assertMalformed(Arrays.copyOf(good, good.length + 1));
        assertMalformed("not DER".getBytes(StandardCharsets.US_ASCII));
        byte[] otherOid = good.clone();
        otherOid[11] = 0x10;
        assertMalformed(otherOid);
        // a 31-byte Ed25519 key
        assertMalformed(HEX.parseHex("302d020100300506032b657004210420" + HEX.formatHex(seq(1, 31))));
        // the Ed25519 key inside an X448 structure
        assertMalformed(HEX.parseHex("302e020100300506032b656f04220420" + HEX.formatHex(seq(1, 32))));
        // an octet string that is not wrapped in another octet string
        assertMalformed(HEX.parseHex("302c020100300506032b65700420" + HEX.formatHex(seq(1, 32))));
        for (int i = 0; i < good.length; i++) {
            byte[] truncated = Arrays.copyOf(good, i);
            assertMalformed(truncated);
        }
    }

    @Test
    void mutatedKeysDecodeOrFailCleanly() {
        Random random = new Random(42);
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            byte[] good = PrivateKey.generate(algorithm, RANDOM).pkcs8();
            for (int round = 0; round < 500; round++) {
                byte[] mutated = good.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                try {
                    assertEquals(algorithm.rawLength(), PrivateKey.fromPkcs8(mutated).raw().length);
                } catch (DecodingException expected) {
                    // the only failure a malformed key may cause
                }
            }
        }
    }

    private static void assertMalformed(byte[] der) {
        assertThrows(DecodingException.class, () -> PrivateKey.fromPkcs8(der), HEX.formatHex(der));
    }

    @Test
    void typedDecodingRejectsOtherAlgorithms() {
        byte[] x25519 = X25519PrivateKey.generate(RANDOM).pkcs8();
        assertThrows(DecodingException.class, () -> SignaturePrivateKey.fromPkcs8(x25519));
        assertThrows(IllegalArgumentException.class, () -> SignaturePrivateKey.generate(KeyAlgorithm.X25519, RANDOM));
    }

    @Test
    void destroyZeroesAndToStringHidesTheKey() {
        X25519PrivateKey key = new X25519PrivateKey(seq(1, 32));
        assertFalse(key.toString().contains(HEX.formatHex(seq(1, 32))));
        assertEquals("X25519PrivateKey[redacted]", key.toString());
        key.destroy();
        assertArrayEquals(new byte[32], key.raw());
    }

    @Test
    void rawLengthsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Ed25519PrivateKey(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new Ed448PrivateKey(new byte[56]));
        assertThrows(IllegalArgumentException.class, () -> new X25519PrivateKey(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> new X448PrivateKey(new byte[57]));
    }

    @Test
    void generatedKeysDiffer() {
        assertNotEquals(Ed25519PrivateKey.generate(RANDOM), Ed25519PrivateKey.generate(RANDOM));
        assertTrue(Ed25519PrivateKey.generate(RANDOM).publicKey() instanceof AuthPublicKey);
    }

    private static byte[] pemBody(Path file) throws IOException {
        String base64 = Files.readAllLines(file).stream()
                .filter(line -> !line.startsWith("-----"))
                .reduce("", String::concat);
        return Base64.getDecoder().decode(base64);
    }
}
