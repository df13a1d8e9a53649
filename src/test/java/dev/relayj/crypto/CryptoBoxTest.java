package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.encoding.DecodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CryptoBoxTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    // NaCl's tests/box.c, box2.c, core1.c (Alice and Bob of RFC 7748 section 6.1)
    static final String NONCE = "69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37";
    static final String MESSAGE = "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
            + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
            + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
            + "5e0705";
    static final String PACKET = "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
            + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
            + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
            + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
            + "7973f622a43d14a6599b1f654cb45a74e355a5";
    private static final String FIRST_KEY = "1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389";

    private static X25519PrivateKey alice() {
        return new X25519PrivateKey(HEX.parseHex(DhTest.ALICE_X25519));
    }

    private static X25519PrivateKey bob() {
        return new X25519PrivateKey(HEX.parseHex(DhTest.BOB_X25519));
    }

    private static CbNonce nonce() {
        return new CbNonce(HEX.parseHex(NONCE));
    }

    @Test
    void hsalsa20MatchesNaClCore1() {
        assertEquals(FIRST_KEY, HEX.formatHex(HSalsa20.derive(HEX.parseHex(DhTest.SHARED_X25519), new byte[16])));
    }

    @Test
    void cryptoBoxMatchesNaClBoxVector() throws CryptoException {
        X25519Secret aliceSecret = alice().dh(bob().publicKey());
        assertEquals(PACKET, HEX.formatHex(CryptoBox.cbEncryptNoPad(aliceSecret, nonce(), HEX.parseHex(MESSAGE))));
        X25519Secret bobSecret = bob().dh(alice().publicKey());
        assertEquals(MESSAGE, HEX.formatHex(CryptoBox.cbDecryptNoPad(bobSecret, nonce(), HEX.parseHex(PACKET))));
    }

    /**
     * simplexmq's secret_box runs HSalsa20 over its key first, just as crypto_box does over the DH
     * secret, so under the same 32 bytes both give the same packet (NaCl's crypto_secretbox of the
     * vector's "firstkey").
     */
    @Test
    void secretBoxHashesItsKeyLikeCryptoBox() throws CryptoException, DecodingException {
        SbKey key = SbKey.of(HEX.parseHex(DhTest.SHARED_X25519));
        assertEquals(PACKET, HEX.formatHex(CryptoBox.sbEncryptNoPad(key, nonce(), HEX.parseHex(MESSAGE))));
        assertEquals(MESSAGE, HEX.formatHex(CryptoBox.sbDecryptNoPad(key, nonce(), HEX.parseHex(PACKET))));
    }

    @Test
    void paddedBoxesHaveTheTagBeforeThePaddedLength() throws CryptoException {
        X25519Secret secret = alice().dh(bob().publicKey());
        byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] packet = CryptoBox.cbEncrypt(secret, nonce(), message, 128);
        assertEquals(16 + 128, packet.length);
        assertArrayEquals(CryptoBox.cbEncryptNoPad(secret, nonce(), Padding.pad(message, 128)), packet);
        assertArrayEquals(message, CryptoBox.cbDecrypt(bob().dh(alice().publicKey()), nonce(), packet));
    }

    @Test
    void roundTripsSecretBoxWithRandomKeys() throws CryptoException {
        for (int length = 0; length < 300; length += 37) {
            SbKey key = SbKey.random(RANDOM);
            CbNonce nonce = CbNonce.random(RANDOM);
            byte[] message = new byte[length];
            RANDOM.nextBytes(message);
            byte[] packet = CryptoBox.sbEncrypt(key, nonce, message, length + 2 + length % 5);
            assertArrayEquals(message, CryptoBox.sbDecrypt(key, nonce, packet));
            assertArrayEquals(message, CryptoBox.sbDecryptNoPad(key, nonce, CryptoBox.sbEncryptNoPad(key, nonce, message)));
        }
    }

    @Test
    void inPlaceSealAndOpenGiveTheOneShotPackets() throws CryptoException {
        X25519Secret secret = alice().dh(bob().publicKey());
        byte[] message = HEX.parseHex(MESSAGE);
        // NaCl's vector, sealed where it lies in a larger buffer, at an odd offset
        byte[] buffer = new byte[7 + 16 + message.length + 5];
        System.arraycopy(message, 0, buffer, 7 + 16, message.length);
        CryptoBox.cbSealInPlace(secret, nonce(), buffer, 7, message.length);
        assertArrayEquals(HEX.parseHex(PACKET), Arrays.copyOfRange(buffer, 7, 7 + 16 + message.length));
        for (int length = 0; length < 300; length += 37) {
            SbKey key = SbKey.random(RANDOM);
            CbNonce nonce = CbNonce.random(RANDOM);
            byte[] plain = new byte[length];
            RANDOM.nextBytes(plain);
            byte[] packet = CryptoBox.sbEncryptNoPad(key, nonce, plain);
            byte[] inPlace = new byte[3 + packet.length];
            System.arraycopy(plain, 0, inPlace, 3 + 16, length);
            CryptoBox.sbSealInPlace(key, nonce, inPlace, 3, length);
            assertArrayEquals(packet, Arrays.copyOfRange(inPlace, 3, inPlace.length), "length " + length);
            CryptoBox.sbOpenInPlace(key, nonce, inPlace, 3, packet.length);
            assertArrayEquals(plain, Arrays.copyOfRange(inPlace, 3 + 16, inPlace.length));
        }
    }

    @Test
    void inPlaceOpenOfATamperedPacketFailsAndLeavesNoPlaintext() {
        SbKey key = SbKey.random(RANDOM);
        CbNonce nonce = CbNonce.random(RANDOM);
        byte[] plain = new byte[100];
        Arrays.fill(plain, (byte) 'x');
        byte[] packet = CryptoBox.sbEncryptNoPad(key, nonce, plain);
        packet[50] ^= 1;
        CryptoException e = assertThrows(CryptoException.class,
                () -> CryptoBox.sbOpenInPlace(key, nonce, packet, 0, packet.length));
        assertEquals(CryptoError.DECRYPT, e.error());
        assertArrayEquals(new byte[100], Arrays.copyOfRange(packet, 16, packet.length));
        assertThrows(CryptoException.class, () -> CryptoBox.sbOpenInPlace(key, nonce, new byte[15], 0, 15));
    }

    @Test
    void everyFlippedBitFailsAuthentication() {
        X25519Secret secret = alice().dh(bob().publicKey());
        byte[] packet = HEX.parseHex(PACKET);
        for (int i = 0; i < packet.length; i++) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] tampered = packet.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertEquals(CryptoError.DECRYPT, decryptError(secret, nonce(), tampered), "byte " + i);
            }
        }
    }

    @Test
    void wrongKeyOrNonceFailsAuthentication() {
        byte[] packet = HEX.parseHex(PACKET);
        X25519Secret other = X25519PrivateKey.generate(RANDOM).dh(bob().publicKey());
        assertEquals(CryptoError.DECRYPT, decryptError(other, nonce(), packet));
        assertEquals(CryptoError.DECRYPT, decryptError(bob().dh(alice().publicKey()), nonce().reversed(), packet));
        assertThrows(CryptoException.class,
                () -> CryptoBox.sbDecrypt(SbKey.random(RANDOM), nonce(), packet));
    }

    @Test
    void packetsShorterThanTheTagFail() throws CryptoException {
        X25519Secret secret = alice().dh(bob().publicKey());
        for (int length = 0; length < 16; length++) {
            assertEquals(CryptoError.DECRYPT, decryptError(secret, nonce(), new byte[length]));
        }
        byte[] empty = CryptoBox.cbEncryptNoPad(secret, nonce(), new byte[0]);
        assertEquals(16, empty.length);
        assertArrayEquals(new byte[0], CryptoBox.cbDecryptNoPad(secret, nonce(), empty));
    }

    @Test
    void authenticBoxesWithBadPaddingFailToUnpad() {
        X25519Secret secret = alice().dh(bob().publicKey());
        byte[] unpadded = CryptoBox.cbEncryptNoPad(secret, nonce(), new byte[] {0});
        CryptoException e = assertThrows(CryptoException.class, () -> CryptoBox.cbDecrypt(secret, nonce(), unpadded));
        assertEquals(CryptoError.INVALID_MESSAGE, e.error());
        byte[] lying = CryptoBox.cbEncryptNoPad(secret, nonce(), new byte[] {0, 5, 1, 2});
        e = assertThrows(CryptoException.class, () -> CryptoBox.cbDecrypt(secret, nonce(), lying));
        assertEquals(CryptoError.INVALID_MESSAGE, e.error());
    }

    @Test
    void messagesThatDoNotFitThePaddedLengthAreRejected() {
        CryptoException e = assertThrows(CryptoException.class,
                () -> CryptoBox.sbEncrypt(SbKey.random(RANDOM), nonce(), new byte[100], 101));
        assertEquals(CryptoError.LARGE_MESSAGE, e.error());
    }

    @Test
    void noncesFromIdsArePaddedOrTruncated() {
        byte[] id = HEX.parseHex("0102030405");
        assertArrayEquals(Arrays.copyOf(id, 24), CbNonce.fitting(id).bytes());
        byte[] longId = new byte[30];
        Arrays.fill(longId, (byte) 7);
        assertArrayEquals(Arrays.copyOf(longId, 24), CbNonce.fitting(longId).bytes());
        byte[] reversed = nonce().reversed().bytes();
        assertEquals(HEX.parseHex(NONCE)[23], reversed[0]);
        assertEquals(nonce(), nonce().reversed().reversed());
        assertThrows(IllegalArgumentException.class, () -> new CbNonce(new byte[23]));
    }

    @Test
    void secretBoxKeysMustBe32Bytes() {
        assertThrows(DecodingException.class, () -> SbKey.of(new byte[31]));
        assertThrows(DecodingException.class, () -> SbKey.of(new byte[33]));
    }

    private static CryptoError decryptError(X25519Secret secret, CbNonce nonce, byte[] packet) {
        return assertThrows(CryptoException.class, () -> CryptoBox.cbDecryptNoPad(secret, nonce, packet)).error();
    }
}
