package dev.relayj.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7541 Appendix C vectors, decoded on one decoder per sequence as the RFC does. */
class HpackTest {
    private static final String DATE21 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private static final String DATE22 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private static final String LOCATION = "https://www.example.com";
    private static final String COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static List<HeaderField> fields(String... nameValues) {
        HeaderField[] out = new HeaderField[nameValues.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = new HeaderField(nameValues[2 * i], nameValues[2 * i + 1]);
        }
        return List.of(out);
    }

    private static void requestSequence(String first, String second, String third) throws Exception {
        HpackDecoder decoder = new HpackDecoder(4096, 65536);
        assertEquals(fields(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com"),
                decoder.decode(hex(first)));
        assertEquals(57, decoder.dynamicTableSize());
        assertEquals(fields(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
                "cache-control", "no-cache"), decoder.decode(hex(second)));
        assertEquals(110, decoder.dynamicTableSize());
        assertEquals(fields(":method", "GET", ":scheme", "https", ":path", "/index.html", ":authority",
                "www.example.com", "custom-key", "custom-value"), decoder.decode(hex(third)));
        assertEquals(164, decoder.dynamicTableSize());
    }

    private static void responseSequence(String first, String second, String third) throws Exception {
        HpackDecoder decoder = new HpackDecoder(256, 65536);
        assertEquals(fields(":status", "302", "cache-control", "private", "date", DATE21, "location", LOCATION),
                decoder.decode(hex(first)));
        assertEquals(222, decoder.dynamicTableSize());
        assertEquals(fields(":status", "307", "cache-control", "private", "date", DATE21, "location", LOCATION),
                decoder.decode(hex(second)));
        assertEquals(222, decoder.dynamicTableSize());
        assertEquals(fields(":status", "200", "cache-control", "private", "date", DATE22, "location", LOCATION,
                "content-encoding", "gzip", "set-cookie", COOKIE), decoder.decode(hex(third)));
        assertEquals(215, decoder.dynamicTableSize());
    }

    @Test
    void c3RequestsWithoutHuffman() throws Exception {
        requestSequence("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");
    }

    @Test
    void c4RequestsWithHuffman() throws Exception {
        requestSequence("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");
    }

    @Test
    void c5ResponsesWithoutHuffmanEvictEntries() throws Exception {
        responseSequence("4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032"
                        + " 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "4803 3330 37c1 c0bf",
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a"
                        + " 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49"
                        + " 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31");
    }

    @Test
    void c6ResponsesWithHuffmanEvictEntries() throws Exception {
        responseSequence("4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b"
                        + " ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                "4883 640e ffc1 c0bf",
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d"
                        + " d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed"
                        + " 4ee5 b106 3d50 07");
    }

    @Test
    void canonicalHuffmanCodesMatchTheRfcTable() {
        assertEquals(0x1ff8, Huffman.codeOf(0));
        assertEquals(0x14, Huffman.codeOf(' '));
        assertEquals(0x3ffffffc, Huffman.codeOf(10));
        assertEquals(0xfffffe9, Huffman.codeOf(11));
        assertEquals(0x7fffff0, Huffman.codeOf(254));
        assertEquals(0x3ffffee, Huffman.codeOf(255));
        assertEquals(0x3fffffff, Huffman.codeOf(Huffman.EOS));
    }

    @Test
    void huffmanRoundTripsEveryOctet() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Huffman.encode(all, out);
        assertEquals(Huffman.encodedLength(all), out.size());
        assertArrayEquals(all, Huffman.decode(out.toByteArray(), 0, out.size()));
    }

    @Test
    void encoderOutputDecodesBack() throws Exception {
        List<HeaderField> response = fields(":status", "200", ":status", "431", "content-type", "application/x",
                "x-custom", "v\u00e9", "access-control-allow-origin", "*", "x-long", "a".repeat(300));
        byte[] block = new HpackEncoder().encode(response);
        assertEquals(response, new HpackDecoder(4096, 65536).decode(block));
        assertArrayEquals(hex("88"), new HpackEncoder().encode(fields(":status", "200")));
    }

    @Test
    void malformedBlocksAreCompressionErrors() {
        String[] bad = {
            "80", // index 0
            "be", // index 62 with an empty dynamic table
            "0f 30 00", // literal name index beyond both tables
            "3f e2 1f", // table size update above the limit
            "82 20", // table size update after a field
            "01 81 00", // Huffman padding of zeros
            "40", // literal without its name
            "00 05 61", // string length beyond the block
            "00 81 ff 00", // 8 bits of padding
            "00 84 ff ff ff ff", // EOS inside a string
            "ff ff ff ff ff ff 0f", // integer overflow
        };
        for (String block : bad) {
            assertThrows(HpackException.class, () -> new HpackDecoder(4096, 65536).decode(hex(block)), block);
        }
    }

    @Test
    void sizeUpdateAtStartShrinksTable() throws Exception {
        HpackDecoder decoder = new HpackDecoder(4096, 65536);
        decoder.decode(hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertEquals(55, decoder.dynamicTableSize());
        assertEquals(fields(":method", "GET"), decoder.decode(hex("20 82")));
        assertEquals(0, decoder.dynamicTableSize());
        assertThrows(HpackException.class, () -> decoder.decode(hex("be")));
    }

    @Test
    void oversizedListIsDecodedToTheEndThenRejected() throws Exception {
        HpackDecoder decoder = new HpackDecoder(4096, 100);
        String name = "x".repeat(60);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x40);
        HpackEncoder.writeString(block, name);
        HpackEncoder.writeString(block, "1");
        HpackEncoder.writeInt(block, 0x80, 7, 62); // the same field again, from the dynamic table
        assertThrows(HeaderListTooLargeException.class, () -> decoder.decode(block.toByteArray()));
        assertEquals(name.length() + 1 + 32, decoder.dynamicTableSize());
        assertEquals(List.of(new HeaderField(name, "1")), decoder.decode(hex("be")));
    }
}
