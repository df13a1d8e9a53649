package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/**
 * The secret_box / crypto_box stream against Bouncy Castle's XSalsa20 and Poly1305 composed the
 * same way, over random keys, nonces, lengths (0 B to 5 MB), chunkings and offsets: a mismatch is a
 * bug, never a tolerance.
 */
class SecretBoxDifferentialTest {
    private static final int[] LENGTHS = {0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 16_384, 16_400,
        65_536 + 7, 5 * 1024 * 1024};

    @Test
    void encryptsAndAuthenticatesAsBouncyCastleDoes() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 60; round++) {
            byte[] secret = bytes(random, 32);
            byte[] nonce = bytes(random, 24);
            int length = round < LENGTHS.length ? LENGTHS[round] : random.nextInt(70_000);
            byte[] message = bytes(random, length);

            byte[][] expected = reference(secret, nonce, message);

            SecretBoxStream stream = SecretBoxStream.init(new X25519Secret(secret), new CbNonce(nonce));
            int offset = random.nextInt(50);
            byte[] in = new byte[offset + length];
            System.arraycopy(message, 0, in, offset, length);
            byte[] out = new byte[offset + 3 + length];
            // random chunking, as XFTP streams do
            int done = 0;
            while (done < length) {
                int chunk = Math.min(length - done, 1 + random.nextInt(random.nextBoolean() ? 100 : 70_000));
                stream.encrypt(in, offset + done, chunk, out, offset + 3 + done);
                done += chunk;
            }
            byte[] ciphertext = Arrays.copyOfRange(out, offset + 3, offset + 3 + length);
            assertArrayEquals(expected[0], ciphertext, "ciphertext, seed " + seed + ", length " + length);
            assertArrayEquals(expected[1], stream.authTag(), "tag, seed " + seed + ", length " + length);

            SecretBoxStream opener = SecretBoxStream.init(new X25519Secret(secret), new CbNonce(nonce));
            byte[] opened = ciphertext.clone();
            opener.decrypt(opened, 0, opened.length, opened, 0);
            assertArrayEquals(message, opened, "in place decryption, seed " + seed);
            assertTrue(opener.verifyAuthTag(expected[1]));
        }
    }

    /** simplexmq's xSalsa20 with Bouncy Castle: HSalsa20(key, zeros), XSalsa20, Poly1305 over the ciphertext. */
    private static byte[][] reference(byte[] secret, byte[] nonce, byte[] message) {
        byte[] subkey = HSalsa20.derive(secret, new byte[16]);
        XSalsa20Engine cipher = new XSalsa20Engine();
        cipher.init(true, new ParametersWithIV(new KeyParameter(subkey), nonce));
        byte[] polyKey = new byte[32];
        cipher.processBytes(polyKey, 0, 32, polyKey, 0);
        byte[] ciphertext = new byte[message.length];
        cipher.processBytes(message, 0, message.length, ciphertext, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(ciphertext, 0, ciphertext.length);
        byte[] tag = new byte[16];
        mac.doFinal(tag, 0);
        return new byte[][] {ciphertext, tag};
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
