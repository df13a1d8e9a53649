package dev.relayj.http2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 7541 decoder for one direction of one connection: header blocks must be decoded in the
 * order they arrive, each completely, so that the dynamic table stays in step with the peer's.
 */
final class HpackDecoder {
    /** Our SETTINGS_HEADER_TABLE_SIZE: the peer may not ask for a larger table than this. */
    private final int maxTableSizeLimit;
    private final int maxHeaderListSize;
    private final HpackDynamicTable table;

    HpackDecoder(int maxTableSizeLimit, int maxHeaderListSize) {
        this.maxTableSizeLimit = maxTableSizeLimit;
        this.maxHeaderListSize = maxHeaderListSize;
        this.table = new HpackDynamicTable(maxTableSizeLimit);
    }

    int dynamicTableSize() {
        return table.size();
    }

    /**
     * Decodes a complete header block. A malformed block fails with {@link HpackException}; a
     * well-formed one whose header list exceeds the limit is still decoded to the end (updating the
     * dynamic table) and then fails with {@link HeaderListTooLargeException}.
     */
    List<HeaderField> decode(byte[] block) throws HpackException, HeaderListTooLargeException {
        Cursor in = new Cursor(block);
        List<HeaderField> fields = new ArrayList<>();
        long listSize = 0;
        boolean fieldSeen = false;
        while (in.hasMore()) {
            int first = in.peek();
            HeaderField field;
            if ((first & 0x80) != 0) {
                // Indexed Header Field (§6.1)
                // +---+---------------------------+
                // | 1 |        Index (7+)         |
                // +---+---------------------------+
                field = entry(in.readInt(7));
            } else if ((first & 0x40) != 0) {
                // Literal Header Field with Incremental Indexing (§6.2.1)
                // +---+---+-----------------------+
                // | 0 | 1 |      Index (6+)       |
                // +---+---+-----------------------+
                // | H |     Value Length (7+)     |   (preceded by a name string when Index = 0)
                // +---+---------------------------+
                field = literal(in, 6);
                table.add(field);
            } else if ((first & 0x20) != 0) {
                // Dynamic Table Size Update (§6.3), allowed only before the first field (§4.2)
                // +---+---+---+-------------------+
                // | 0 | 0 | 1 |   Max size (5+)   |
                // +---+---+---+-------------------+
                if (fieldSeen) {
                    throw new HpackException("dynamic table size update after a header field");
                }
                int newSize = in.readInt(5);
                if (newSize > maxTableSizeLimit) {
                    throw new HpackException("dynamic table size " + newSize + " exceeds " + maxTableSizeLimit);
                }
                table.setMaxSize(newSize);
                continue;
            } else {
                // Literal Header Field without Indexing (0000) or Never Indexed (0001) (§6.2.2, §6.2.3)
                // +---+---+---+---+---------------+
                // | 0 | 0 | 0 | N |  Index (4+)   |
                // +---+---+---+---+---------------+
                field = literal(in, 4);
            }
            fieldSeen = true;
            listSize += field.size();
            if (listSize <= maxHeaderListSize) {
                fields.add(field);
            }
        }
        if (listSize > maxHeaderListSize) {
            throw new HeaderListTooLargeException(listSize, maxHeaderListSize);
        }
        return fields;
    }

    private HeaderField literal(Cursor in, int prefixBits) throws HpackException {
        int nameIndex = in.readInt(prefixBits);
        String name = nameIndex == 0 ? in.readString() : entry(nameIndex).name();
        return new HeaderField(name, in.readString());
    }

    private HeaderField entry(int index) throws HpackException {
        if (index == 0) {
            throw new HpackException("index 0");
        }
        if (index <= HpackStaticTable.SIZE) {
            return HpackStaticTable.get(index);
        }
        int dynamicIndex = index - HpackStaticTable.SIZE;
        if (dynamicIndex > table.length()) {
            throw new HpackException("index " + index + " beyond the dynamic table");
        }
        return table.get(dynamicIndex);
    }

    /** Reads primitives from a header block, never past its end. */
    private static final class Cursor {
        private final byte[] bytes;
        private int position;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        int peek() {
            return bytes[position] & 0xff;
        }

        private int next() throws HpackException {
            if (position >= bytes.length) {
                throw new HpackException("header block ends inside a representation");
            }
            return bytes[position++] & 0xff;
        }

        /** §5.1: an N-bit prefix integer; values above 2^31 - 1 are rejected as an attack. */
        int readInt(int prefixBits) throws HpackException {
            int max = (1 << prefixBits) - 1;
            int value = next() & max;
            if (value < max) {
                return value;
            }
            long result = max;
            int shift = 0;
            int octet;
            do {
                octet = next();
                result += (long) (octet & 0x7f) << shift;
                shift += 7;
                if (result > Integer.MAX_VALUE) {
                    throw new HpackException("integer overflow");
                }
            } while ((octet & 0x80) != 0);
            return (int) result;
        }

        /** §5.2: H flag, 7-bit prefix length, then raw or Huffman-coded octets. */
        String readString() throws HpackException {
            if (!hasMore()) {
                throw new HpackException("header block ends before a string");
            }
            boolean huffman = (peek() & 0x80) != 0;
            int length = readInt(7);
            if (length > bytes.length - position) {
                throw new HpackException("string length " + length + " beyond the header block");
            }
            byte[] octets = huffman
                    ? Huffman.decode(bytes, position, length)
                    : Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return new String(octets, StandardCharsets.ISO_8859_1);
        }
    }
}
