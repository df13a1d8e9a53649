package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The JDK's intrinsic Poly1305 and relayj's own give the same tags, and the right ones. */
class Poly1305Test {
    private static byte[] tag(OneTimeMac mac, byte[] data, int[] chunks) {
        int offset = 0;
        for (int chunk : chunks) {
            mac.update(data, offset, chunk);
            offset += chunk;
        }
        mac.update(data, offset, data.length - offset);
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return out;
    }

    @Test
    void theJdksMacIsReachableInTheTests() {
        // pom.xml opens java.base/com.sun.crypto.provider to the tests, as the launchers do to relayj
        assertTrue(JdkPoly1305.AVAILABLE);
    }

    /** RFC 8439 section 2.5.2. */
    @Test
    void rfc8439Vector() {
        HexFormat hex = HexFormat.of();
        byte[] key = hex.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] text = "Cryptographic Forum Research Group".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] expected = hex.parseHex("a8061dc1305136c6c22b8baf0c0127a9");
        assertArrayEquals(expected, tag(new Poly1305Mac(key, 0), text, new int[0]));
        assertArrayEquals(expected, tag(new JdkPoly1305(key, 0), text, new int[0]));
    }

    /** Random keys (weak ones too: r or s zero, which the JDK would refuse with its check on), lengths and chunks. */
    @Test
    void bothImplementationsAgree() {
        SplittableRandom random = new SplittableRandom(1305);
        for (int i = 0; i < 2000; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            if (i % 50 == 0) {
                java.util.Arrays.fill(key, i % 100 == 0 ? 0 : 16, i % 100 == 0 ? 16 : 32, (byte) 0);
            }
            int length = i < 100 ? i : random.nextInt(i < 1900 ? 4096 : 70_000);
            byte[] data = new byte[length];
            random.nextBytes(data);
            int[] chunks = new int[random.nextInt(4)];
            int left = length;
            for (int c = 0; c < chunks.length; c++) {
                chunks[c] = random.nextInt(left + 1);
                left -= chunks[c];
            }
            assertArrayEquals(tag(new Poly1305Mac(key, 0), data, chunks), tag(new JdkPoly1305(key, 0), data, chunks),
                    "key " + HexFormat.of().formatHex(key) + ", " + length + " bytes");
        }
    }
}
