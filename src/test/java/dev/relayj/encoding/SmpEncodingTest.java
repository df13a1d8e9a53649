package dev.relayj.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmpEncodingTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesLikeSimplexmq() {
        byte[] encoded = new SmpWriter()
                .writeShortBytes(ascii("abc"))
                .writeLarge(ascii("xy"))
                .writeWord16(0x0102)
                .writeWord32(0x01020304L)
                .writeInt64(-2L)
                .writeBool(true)
                .writeMaybe(null, SmpWriter::writeShortBytes)
                .writeMaybe(ascii("z"), SmpWriter::writeShortBytes)
                .writeList(List.of(ascii("a"), ascii("")), SmpWriter::writeShortBytes)
                .writeTail(ascii("rest"))
                .toByteArray();
        byte[] expected = ascii("\u0003abc\u0000\u0002xy\u0001\u0002\u0001\u0002\u0003\u0004"
                + "\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00feT01\u0001z\u0002\u0001a\u0000rest");
        assertArrayEquals(expected, encoded);
    }

    @Test
    void decodesWhatItEncodes() throws DecodingException {
        byte[] encoded = new SmpWriter()
                .writeShortText("héllo")
                .writeLarge(new byte[300])
                .writeInt64(Long.MIN_VALUE)
                .writeMaybe(7, SmpWriter::writeWord16)
                .writeList(List.of(1, 2, 3), SmpWriter::writeByte)
                .writeTail(ascii("end"))
                .toByteArray();
        SmpReader reader = new SmpReader(encoded);
        assertEquals("héllo", reader.readShortText());
        assertEquals(300, reader.readLarge().length);
        assertEquals(Long.MIN_VALUE, reader.readInt64());
        assertEquals(7, reader.readMaybe(SmpReader::readWord16));
        assertEquals(List.of(1, 2, 3), reader.readList(SmpReader::readByte));
        assertArrayEquals(ascii("end"), reader.readTail());
        reader.expectEnd();
    }

    @Test
    void rejectsShortAndMalformedInput() throws DecodingException {
        assertThrows(DecodingException.class, () -> new SmpReader(ascii("\u0005ab")).readShortBytes());
        assertThrows(DecodingException.class, () -> new SmpReader(ascii("X")).readBool());
        assertThrows(DecodingException.class, () -> new SmpReader(ascii("2")).readMaybe(SmpReader::readByte));
        assertThrows(DecodingException.class, () -> new SmpReader(ascii("\u0000")).readNonEmptyList(SmpReader::readByte));
        assertThrows(DecodingException.class, () -> new SmpReader(new byte[] {1, (byte) 0xff}).readShortText());
        assertNull(new SmpReader(ascii("0")).readMaybe(SmpReader::readByte));
        SmpReader slice = new SmpReader(ascii("abcdef"), 1, 2);
        assertArrayEquals(ascii("bc"), slice.take(2));
        assertTrue(slice.atEnd());
        assertThrows(DecodingException.class, () -> slice.readByte());
    }

    @Test
    void versionRanges() throws DecodingException {
        VersionRange server = new VersionRange(6, 18);
        assertEquals(18, server.highestCommon(new VersionRange(1, 20)).getAsInt());
        assertEquals(new VersionRange(6, 10), server.intersect(new VersionRange(1, 10)));
        assertTrue(server.highestCommon(new VersionRange(1, 5)).isEmpty());
        assertEquals("6-18", server.toString());
        SmpWriter writer = new SmpWriter();
        server.writeTo(writer);
        assertArrayEquals(new byte[] {0, 6, 0, 18}, writer.toByteArray());
        assertThrows(DecodingException.class, () -> VersionRange.readFrom(new SmpReader(new byte[] {0, 9, 0, 2})));
    }

    @Test
    void base64UrlReadsPaddedAndUnpadded() throws DecodingException {
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, Base64Url.decode("-_8="));
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, Base64Url.decode("-_8"));
        assertThrows(DecodingException.class, () -> Base64Url.decode("+/8="));
        assertThrows(DecodingException.class, () -> Base64Url.decode(""));
    }
}
