package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The cases of "padding / unpadding" in simplexmq's tests/CoreTests/CryptoTests.hs. */
class PaddingTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] repeat(int n, char c) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static CryptoError padError(byte[] message, int paddedLength) {
        return assertThrows(CryptoException.class, () -> Padding.pad(message, paddedLength)).error();
    }

    private static CryptoError unPadError(byte[] padded) {
        return assertThrows(CryptoException.class, () -> Padding.unPad(padded)).error();
    }

    @Test
    void padsWithLengthPrefixAndHashFill() throws CryptoException {
        assertArrayEquals(ascii("\000\003abc"), Padding.pad(ascii("abc"), 5));
        assertArrayEquals(ascii("\000\003abc###"), Padding.pad(ascii("abc"), 8));
        assertArrayEquals(ascii("\000\000"), Padding.pad(new byte[0], 2));
    }

    @Test
    void rejectsMessagesThatDoNotFit() {
        assertEquals(CryptoError.LARGE_MESSAGE, padError(ascii("abc"), 4));
        assertEquals(CryptoError.LARGE_MESSAGE, padError(repeat(65534, 'a'), 65536));
        assertEquals(CryptoError.LARGE_MESSAGE, padError(repeat(65535, 'a'), 65537));
        assertEquals(CryptoError.LARGE_MESSAGE, padError(new byte[0], 1));
        assertFalse(Padding.canPad(3, 4));
        assertTrue(Padding.canPad(3, 5));
    }

    @Test
    void padsTheLargestMessage() throws CryptoException {
        byte[] message = repeat(65533, 'a');
        byte[] padded = Padding.pad(message, 65535);
        assertEquals((byte) 0xff, padded[0]);
        assertEquals((byte) 0xfd, padded[1]);
        assertArrayEquals(message, Padding.unPad(padded));
    }

    @Test
    void unPadsAndIgnoresTheFill() throws CryptoException {
        assertArrayEquals(new byte[0], Padding.unPad(ascii("\000\000")));
        assertArrayEquals(ascii("abc"), Padding.unPad(ascii("\000\003abc")));
        assertArrayEquals(ascii("ab"), Padding.unPad(ascii("\000\002abc")));
    }

    @Test
    void rejectsInvalidPaddedData() {
        assertEquals(CryptoError.INVALID_MESSAGE, unPadError(ascii("\000")));
        assertEquals(CryptoError.INVALID_MESSAGE, unPadError(new byte[0]));
        assertEquals(CryptoError.INVALID_MESSAGE, unPadError(ascii("\000\003ab")));
        assertEquals(CryptoError.INVALID_MESSAGE, unPadError(ascii("\377\377ab")));
    }

    @Test
    void roundTripsEveryLengthUpToThePaddedLength() throws CryptoException {
        for (int length = 0; length <= 100; length++) {
            byte[] message = repeat(length, 'x');
            assertArrayEquals(message, Padding.unPad(Padding.pad(message, 102)));
        }
    }
}
