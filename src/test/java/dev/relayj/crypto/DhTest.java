package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.encoding.DecodingException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 7748 section 6: the Alice and Bob examples for X25519 and X448. */
class DhTest {
    private static final HexFormat HEX = HexFormat.of();

    static final String ALICE_X25519 = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    static final String ALICE_X25519_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    static final String BOB_X25519 = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    static final String BOB_X25519_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    static final String SHARED_X25519 = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    private static final String ALICE_X448 = "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf5"
            + "74a9419744897391006382a6f127ab1d9ac2d8c0a598726b";
    private static final String ALICE_X448_PUBLIC = "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bb"
            + "c836647241d953d40c5b12da88120d53177f80e532c41fa0";
    private static final String BOB_X448 = "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120"
            + "bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d";
    private static final String BOB_X448_PUBLIC = "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972"
            + "fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609";
    private static final String SHARED_X448 = "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56"
            + "fd2464c335543936521c24403085d59a449a5037514a879d";

    @Test
    void x25519MatchesRfc7748() {
        X25519PrivateKey alice = new X25519PrivateKey(HEX.parseHex(ALICE_X25519));
        X25519PrivateKey bob = new X25519PrivateKey(HEX.parseHex(BOB_X25519));
        assertEquals(ALICE_X25519_PUBLIC, HEX.formatHex(alice.publicKey().raw()));
        assertEquals(BOB_X25519_PUBLIC, HEX.formatHex(bob.publicKey().raw()));
        assertEquals(SHARED_X25519, HEX.formatHex(alice.dh(bob.publicKey()).bytes()));
        assertEquals(SHARED_X25519, HEX.formatHex(bob.dh(alice.publicKey()).bytes()));
    }

    @Test
    void x448MatchesRfc7748() {
        X448PrivateKey alice = new X448PrivateKey(HEX.parseHex(ALICE_X448));
        X448PrivateKey bob = new X448PrivateKey(HEX.parseHex(BOB_X448));
        assertEquals(ALICE_X448_PUBLIC, HEX.formatHex(alice.publicKey().raw()));
        assertEquals(BOB_X448_PUBLIC, HEX.formatHex(bob.publicKey().raw()));
        assertEquals(SHARED_X448, HEX.formatHex(alice.dh(bob.publicKey()).bytes()));
        assertEquals(SHARED_X448, HEX.formatHex(bob.dh(alice.publicKey()).bytes()));
    }

    @Test
    void generatedKeysAgree() {
        SecureRandom random = new SecureRandom();
        X25519PrivateKey a = X25519PrivateKey.generate(random);
        X25519PrivateKey b = X25519PrivateKey.generate(random);
        assertEquals(a.dh(b.publicKey()), b.dh(a.publicKey()));
        X448PrivateKey c = X448PrivateKey.generate(random);
        X448PrivateKey d = X448PrivateKey.generate(random);
        assertEquals(c.dh(d.publicKey()), d.dh(c.publicKey()));
    }

    @Test
    void lowOrderPeerKeysGiveTheZeroSecretLikeTheReference() {
        X25519PrivateKey key = X25519PrivateKey.generate(new SecureRandom());
        assertArrayEquals(new byte[32], key.dh(new X25519PublicKey(new byte[32])).bytes());
        byte[] one = new byte[32];
        one[0] = 1;
        assertArrayEquals(new byte[32], key.dh(new X25519PublicKey(one)).bytes());
        X448PrivateKey key448 = X448PrivateKey.generate(new SecureRandom());
        assertArrayEquals(new byte[56], key448.dh(new X448PublicKey(new byte[56])).bytes());
    }

    @Test
    void decodesSecretsByLength() throws DecodingException {
        assertInstanceOf(X25519Secret.class, DhSecret.fromBytes(HEX.parseHex(SHARED_X25519)));
        assertInstanceOf(X448Secret.class, DhSecret.fromBytes(HEX.parseHex(SHARED_X448)));
        assertArrayEquals(HEX.parseHex(SHARED_X25519), DhSecret.fromBytes(HEX.parseHex(SHARED_X25519)).bytes());
        assertThrows(DecodingException.class, () -> DhSecret.fromBytes(new byte[31]));
        assertThrows(DecodingException.class, () -> DhSecret.fromBytes(new byte[0]));
        assertThrows(DecodingException.class, () -> DhSecret.fromBytes(new byte[57]));
    }

    @Test
    void destroyZeroesTheSecret() {
        X25519Secret secret = new X25519Secret(HEX.parseHex(SHARED_X25519));
        assertEquals("X25519Secret[redacted]", secret.toString());
        secret.destroy();
        assertArrayEquals(new byte[32], secret.bytes());
    }
}
