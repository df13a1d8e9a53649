package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBoxStreamTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void streamedNaClVectorHasTheTagAfterTheCiphertext() {
        X25519Secret secret = new X25519Secret(HEX.parseHex(DhTest.SHARED_X25519));
        CbNonce nonce = new CbNonce(HEX.parseHex(CryptoBoxTest.NONCE));
        byte[] message = HEX.parseHex(CryptoBoxTest.MESSAGE);
        byte[] packet = HEX.parseHex(CryptoBoxTest.PACKET);

        SecretBoxStream stream = SecretBoxStream.init(secret, nonce);
        byte[] first = stream.encrypt(Arrays.copyOfRange(message, 0, 50));
        byte[] second = stream.encrypt(Arrays.copyOfRange(message, 50, message.length));
        assertArrayEquals(Arrays.copyOfRange(packet, 16, 16 + 50), first);
        assertArrayEquals(Arrays.copyOfRange(packet, 16 + 50, packet.length), second);
        assertArrayEquals(Arrays.copyOfRange(packet, 0, 16), stream.authTag());
    }

    @Test
    void anyChunkingGivesTheOneShotResult() {
        SbKey key = SbKey.random(RANDOM);
        CbNonce nonce = CbNonce.random(RANDOM);
        byte[] message = new byte[200_000];
        RANDOM.nextBytes(message);
        byte[] packet = CryptoBox.sbEncryptNoPad(key, nonce, message);

        for (int chunkSize : new int[] {1, 7, 63, 64, 65, 4096, 65536, message.length}) {
            SecretBoxStream encryptor = SecretBoxStream.init(key, nonce);
            byte[] ciphertext = new byte[message.length];
            for (int offset = 0; offset < message.length; offset += chunkSize) {
                int length = Math.min(chunkSize, message.length - offset);
                encryptor.encrypt(message, offset, length, ciphertext, offset);
                encryptor.encrypt(new byte[0], 0, 0, ciphertext, 0);
            }
            assertArrayEquals(Arrays.copyOfRange(packet, 16, packet.length), ciphertext, "chunk " + chunkSize);
            byte[] tag = encryptor.authTag();
            assertArrayEquals(Arrays.copyOfRange(packet, 0, 16), tag);

            SecretBoxStream decryptor = SecretBoxStream.init(key, nonce);
            byte[] inPlace = ciphertext.clone();
            for (int offset = 0; offset < inPlace.length; offset += chunkSize) {
                decryptor.decrypt(inPlace, offset, Math.min(chunkSize, inPlace.length - offset), inPlace, offset);
            }
            assertArrayEquals(message, inPlace);
            assertTrue(decryptor.verifyAuthTag(tag));
        }
    }

    @Test
    void tamperedCiphertextOrTagIsDetected() {
        SbKey key = SbKey.random(RANDOM);
        CbNonce nonce = CbNonce.random(RANDOM);
        byte[] message = new byte[1000];
        SecretBoxStream encryptor = SecretBoxStream.init(key, nonce);
        byte[] ciphertext = encryptor.encrypt(message);
        byte[] tag = encryptor.authTag();

        byte[] tampered = ciphertext.clone();
        tampered[500] ^= 0x40;
        SecretBoxStream decryptor = SecretBoxStream.init(key, nonce);
        decryptor.decrypt(tampered);
        assertFalse(decryptor.verifyAuthTag(tag));

        byte[] badTag = tag.clone();
        badTag[15] ^= 1;
        assertFalse(verify(key, nonce, ciphertext, badTag));
        assertFalse(verify(key, nonce, ciphertext, Arrays.copyOf(tag, 15)));
        assertFalse(verify(key, nonce, ciphertext, Arrays.copyOf(tag, 17)));
        assertFalse(verify(key, nonce, ciphertext, new byte[0]));
        assertFalse(verify(SbKey.random(RANDOM), nonce, ciphertext, tag));
        assertTrue(verify(key, nonce, ciphertext, tag));
    }

    @Test
    void theTagCanBeCheckedInsideABuffer() {
        SbKey key = SbKey.random(RANDOM);
        CbNonce nonce = CbNonce.random(RANDOM);
        SecretBoxStream encryptor = SecretBoxStream.init(key, nonce);
        byte[] ciphertext = encryptor.encrypt(new byte[10]);
        byte[] buffer = new byte[40];
        System.arraycopy(encryptor.authTag(), 0, buffer, 20, 16);
        SecretBoxStream decryptor = SecretBoxStream.init(key, nonce);
        decryptor.decrypt(ciphertext);
        assertTrue(decryptor.verifyAuthTag(buffer, 20, 16));
    }

    @Test
    void aFinishedStreamCannotBeUsed() {
        SecretBoxStream stream = SecretBoxStream.init(SbKey.random(RANDOM), CbNonce.random(RANDOM));
        stream.authTag();
        assertThrows(IllegalStateException.class, stream::authTag);
        assertThrows(IllegalStateException.class, () -> stream.encrypt(new byte[1]));
        assertThrows(IllegalStateException.class, () -> stream.decrypt(new byte[1]));
    }

    @Test
    void boundsAreChecked() {
        SecretBoxStream stream = SecretBoxStream.init(SbKey.random(RANDOM), CbNonce.random(RANDOM));
        assertThrows(IndexOutOfBoundsException.class, () -> stream.encrypt(new byte[4], 2, 3, new byte[4], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> stream.decrypt(new byte[4], 0, 4, new byte[3], 0));
        assertEquals(16, stream.authTag().length);
    }

    private static boolean verify(SbKey key, CbNonce nonce, byte[] ciphertext, byte[] tag) {
        SecretBoxStream decryptor = SecretBoxStream.init(key, nonce);
        decryptor.decrypt(ciphertext);
        return decryptor.verifyAuthTag(tag);
    }
}
