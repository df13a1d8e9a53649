package dev.relayj.smp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineBufferTest {
    @Test
    void base64IsTheUrlAlphabetWithPaddingForEveryLength() {
        Random random = new Random(7);
        for (int length = 0; length < 100; length++) {
            byte[] data = new byte[length + 5];
            random.nextBytes(data);
            byte[] slice = java.util.Arrays.copyOfRange(data, 3, 3 + length);
            LineBuffer out = new LineBuffer(1).ascii("x=").base64(data, 3, length);
            assertEquals("x=" + Base64.getUrlEncoder().encodeToString(slice), out.toString());
        }
    }

    @Test
    void aPrefixedKeyIsEncodedAsOneString() {
        byte[] prefix = {1, 2, 3, 4, 5};
        byte[] raw = {9, 8, 7, 6, 5, 4, 3};
        String expected = Base64.getUrlEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 8, 7, 6});
        assertEquals(expected, new LineBuffer(4).base64(prefix, raw, 1, 3).toString());
    }

    @Test
    void textIsUtf8AndNumbersAreDecimal() {
        LineBuffer out = new LineBuffer(2).text("caf\u00e9 \u2713").character(' ').decimal(-1736899200L);
        assertArrayEquals("caf\u00e9 \u2713 -1736899200".getBytes(StandardCharsets.UTF_8), out.toByteArray());
        for (long n : new long[] {0, 7, 10, 99, 100, 1736899200L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEquals("=" + n, new LineBuffer(1).character('=').decimal(n).toString());
        }
    }
}
