package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.encoding.DecodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignatureTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    // RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72)
    private static final String ED25519_SECRET_1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String ED25519_PUBLIC_1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String ED25519_SIGNATURE_1 = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    private static final String ED25519_SECRET_2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    private static final String ED25519_PUBLIC_2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    private static final String ED25519_SIGNATURE_2 = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    // RFC 8032 section 7.4, "Blank"
    private static final String ED448_SECRET = "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3"
            + "528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b";
    private static final String ED448_PUBLIC = "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778"
            + "edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180";
    private static final String ED448_SIGNATURE = "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f"
            + "2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a"
            + "9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4db"
            + "b61149f05a7363268c71d95808ff2e652600";

    @Test
    void ed25519MatchesRfc8032() {
        checkVector(new Ed25519PrivateKey(HEX.parseHex(ED25519_SECRET_1)), ED25519_PUBLIC_1, new byte[0], ED25519_SIGNATURE_1);
        checkVector(new Ed25519PrivateKey(HEX.parseHex(ED25519_SECRET_2)), ED25519_PUBLIC_2, new byte[] {0x72},
                ED25519_SIGNATURE_2);
    }

    @Test
    void ed448MatchesRfc8032() {
        checkVector(new Ed448PrivateKey(HEX.parseHex(ED448_SECRET)), ED448_PUBLIC, new byte[0], ED448_SIGNATURE);
    }

    private static void checkVector(SignaturePrivateKey key, String publicHex, byte[] message, String signatureHex) {
        assertEquals(publicHex, HEX.formatHex(key.publicKey().raw()));
        Signature signature = key.sign(message);
        assertEquals(signatureHex, HEX.formatHex(signature.bytes()));
        assertTrue(key.publicKey().verify(signature, message));
    }

    @Test
    void signsAndVerifiesWithGeneratedKeys() {
        byte[] message = "SEND hello".getBytes(StandardCharsets.US_ASCII);
        for (KeyAlgorithm algorithm : new KeyAlgorithm[] {KeyAlgorithm.ED25519, KeyAlgorithm.ED448}) {
            SignaturePrivateKey key = SignaturePrivateKey.generate(algorithm, RANDOM);
            Signature signature = key.sign(message);
            assertEquals(algorithm, signature.algorithm());
            assertTrue(key.publicKey().verify(signature, message));
            assertTrue(key.publicKey().verify(signature, concat(new byte[3], message), 3, message.length));
        }
    }

    @Test
    void rejectsTamperedSignaturesMessagesAndKeys() {
        byte[] message = "SEND hello".getBytes(StandardCharsets.US_ASCII);
        for (KeyAlgorithm algorithm : new KeyAlgorithm[] {KeyAlgorithm.ED25519, KeyAlgorithm.ED448}) {
            SignaturePrivateKey key = SignaturePrivateKey.generate(algorithm, RANDOM);
            SignaturePublicKey publicKey = key.publicKey();
            byte[] signature = key.sign(message).bytes();
            for (int i = 0; i < signature.length; i++) {
                byte[] tampered = signature.clone();
                tampered[i] ^= 0x01;
                assertFalse(publicKey.verify(signatureOf(tampered), message), "flipped bit in byte " + i);
            }
            byte[] otherMessage = message.clone();
            otherMessage[0] ^= 0x01;
            assertFalse(publicKey.verify(signatureOf(signature), otherMessage));
            SignaturePublicKey otherKey = SignaturePrivateKey.generate(algorithm, RANDOM).publicKey();
            assertFalse(otherKey.verify(signatureOf(signature), message));
        }
    }

    @Test
    void aSignatureOfTheOtherAlgorithmDoesNotVerify() {
        byte[] message = {1, 2, 3};
        Signature ed448Signature = Ed448PrivateKey.generate(RANDOM).sign(message);
        Signature ed25519Signature = Ed25519PrivateKey.generate(RANDOM).sign(message);
        assertFalse(Ed25519PrivateKey.generate(RANDOM).publicKey().verify(ed448Signature, message));
        assertFalse(Ed448PrivateKey.generate(RANDOM).publicKey().verify(ed25519Signature, message));
    }

    @Test
    void keysThatAreNotCurvePointsVerifyNothing() {
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        Signature signature = Ed25519PrivateKey.generate(RANDOM).sign(new byte[0]);
        assertFalse(new Ed25519PublicKey(notAPoint).verify(signature, new byte[0]));
        byte[] notAPoint448 = new byte[57];
        Arrays.fill(notAPoint448, (byte) 0xff);
        assertFalse(new Ed448PublicKey(notAPoint448).verify(Ed448PrivateKey.generate(RANDOM).sign(new byte[0]), new byte[0]));
        assertFalse(new Ed25519PublicKey(new byte[32]).verify(new Ed25519Signature(new byte[64]), new byte[0]));
    }

    @Test
    void decodesSignaturesByLength() throws DecodingException {
        assertInstanceOf(Ed25519Signature.class, Signature.fromBytes(new byte[64]));
        assertInstanceOf(Ed448Signature.class, Signature.fromBytes(new byte[114]));
        for (int length : new int[] {0, 1, 63, 65, 80, 113, 115}) {
            assertThrows(DecodingException.class, () -> Signature.fromBytes(new byte[length]));
            assertFalse(Signature.isValidSize(length));
        }
        byte[] bytes = HEX.parseHex(ED448_SIGNATURE);
        assertArrayEquals(bytes, Signature.fromBytes(bytes).bytes());
    }

    private static Signature signatureOf(byte[] bytes) {
        try {
            return Signature.fromBytes(bytes);
        } catch (DecodingException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
