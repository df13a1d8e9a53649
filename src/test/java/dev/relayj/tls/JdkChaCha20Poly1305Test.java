package dev.relayj.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.bc.BcChaCha20Poly1305;
import org.junit.jupiter.api.Test;

/**
 * The JDK-backed record cipher seals and opens exactly as Bouncy Castle's, over random keys, nonces,
 * additional data, lengths and offsets: any difference is a bug.
 */
class JdkChaCha20Poly1305Test {
    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 63, 64, 65, 255, 1024, 16383, 16384, 16385, 16401};

    @Test
    void sealsAndOpensAsBouncyCastleDoes() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 12);
            byte[] aad = bytes(random, random.nextBoolean() ? 13 : 5);
            int length = round < LENGTHS.length ? LENGTHS[round] : random.nextInt(17_000);
            byte[] plaintext = bytes(random, length);
            int inOffset = random.nextInt(40);
            int outOffset = random.nextInt(40);

            byte[] expected = seal(new BcChaCha20Poly1305(true), key, nonce, aad, plaintext, 0, 0);
            byte[] actual = seal(new JdkChaCha20Poly1305(true), key, nonce, aad, plaintext, inOffset, outOffset);
            assertArrayEquals(expected, actual, "sealed, seed " + seed + " round " + round);

            TlsAEADCipherImpl opener = new JdkChaCha20Poly1305(false);
            opener.setKey(key, 0, key.length);
            opener.init(nonce, 16);
            byte[] input = new byte[inOffset + expected.length];
            System.arraycopy(expected, 0, input, inOffset, expected.length);
            byte[] output = new byte[outOffset + opener.getOutputSize(expected.length)];
            int n = opener.doFinal(aad, input, inOffset, expected.length, output, outOffset);
            assertEquals(length, n);
            assertArrayEquals(plaintext, Arrays.copyOfRange(output, outOffset, outOffset + n), "opened, seed " + seed);
        }
    }

    @Test
    void aForgedRecordIsABadRecordMac() throws Exception {
        Random random = new Random(7);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 12);
        byte[] sealed = seal(new BcChaCha20Poly1305(true), key, nonce, new byte[13], bytes(random, 100), 0, 0);
        sealed[50] ^= 1;
        TlsAEADCipherImpl opener = new JdkChaCha20Poly1305(false);
        opener.setKey(key, 0, 32);
        opener.init(nonce, 16);
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class,
                () -> opener.doFinal(new byte[13], sealed, 0, sealed.length, new byte[100], 0));
        assertEquals(AlertDescription.bad_record_mac, alert.getAlertDescription());
    }

    private static byte[] seal(TlsAEADCipherImpl cipher, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext,
            int inOffset, int outOffset) throws Exception {
        cipher.setKey(key, 0, key.length);
        cipher.init(nonce, 16);
        byte[] input = new byte[inOffset + plaintext.length];
        System.arraycopy(plaintext, 0, input, inOffset, plaintext.length);
        byte[] output = new byte[outOffset + cipher.getOutputSize(plaintext.length)];
        int n = cipher.doFinal(aad, input, inOffset, plaintext.length, output, outOffset);
        return Arrays.copyOfRange(output, outOffset, outOffset + n);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
