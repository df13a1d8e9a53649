package dev.relayj.http2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 7541 encoder for our responses. It uses the static table and never inserts into the dynamic
 * table (every literal is "without indexing"), so it needs no state and the peer's
 * SETTINGS_HEADER_TABLE_SIZE never matters. Strings are Huffman-coded when that is shorter.
 */
final class HpackEncoder {
    byte[] encode(List<HeaderField> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderField field : fields) {
            int exact = HpackStaticTable.indexOf(field);
            if (exact != 0) {
                writeInt(out, 0x80, 7, exact);
                continue;
            }
            int nameIndex = HpackStaticTable.indexOfName(field.name());
            writeInt(out, 0x00, 4, nameIndex);
            if (nameIndex == 0) {
                writeString(out, field.name());
            }
            writeString(out, field.value());
        }
        return out.toByteArray();
    }

    static void writeInt(ByteArrayOutputStream out, int pattern, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(pattern | value);
            return;
        }
        out.write(pattern | max);
        int rest = value - max;
        while (rest >= 0x80) {
            out.write((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    static void writeString(ByteArrayOutputStream out, String s) {
        byte[] raw = s.getBytes(StandardCharsets.ISO_8859_1);
        int huffmanLength = Huffman.encodedLength(raw);
        if (huffmanLength < raw.length) {
            writeInt(out, 0x80, 7, huffmanLength);
            Huffman.encode(raw, out);
        } else {
            writeInt(out, 0x00, 7, raw.length);
            out.writeBytes(raw);
        }
    }
}
