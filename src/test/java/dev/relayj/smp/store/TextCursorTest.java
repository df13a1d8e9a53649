package dev.relayj.smp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextCursorTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void decodesBase64LikeTheGeneralDecoder() throws DecodingException {
        Random random = new Random(7);
        for (int n = 0; n < 5000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(70);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET.charAt(random.nextInt(64)));
            }
            text.append("=".repeat(random.nextInt(4)));
            String encoded = text.toString();
            TextCursor cursor = new TextCursor(encoded + " next");
            byte[] expected;
            try {
                expected = Base64Url.decode(encoded);
            } catch (DecodingException e) {
                assertThrows(DecodingException.class, cursor::base64, encoded);
                continue;
            }
            assertArrayEquals(expected, cursor.base64(), encoded);
            assertEquals(" next", cursor.rest());
        }
    }

    @Test
    void rejectsPaddingWithoutData() {
        assertThrows(DecodingException.class, () -> new TextCursor("====").base64());
        assertThrows(DecodingException.class, () -> new TextCursor("AAAA=").base64());
    }
}
