package dev.relayj.http2;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * RFC 7541 Appendix B. The code is canonical (codes of one length are consecutive, in symbol
 * order, and each length continues where the shorter one ended), so the table below holds only
 * the bit length of each symbol 0..255 and of EOS (256); the codes are rebuilt from the lengths.
 */
final class Huffman {
    static final int EOS = 256;

    private static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, // 0x00
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, // 0x10
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, // 0x20 ' '..'/'
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10, // 0x30 '0'..'?'
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, // 0x40 '@'..'O'
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6, // 0x50 'P'..'_'
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, // 0x60 '`'..'o'
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28, // 0x70 'p'..DEL
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, // 0x80
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, // 0x90
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, // 0xa0
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, // 0xb0
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, // 0xc0
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, // 0xd0
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, // 0xe0
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, // 0xf0
        30 // EOS
    };

    private static final int[] CODES = canonicalCodes();

    /** Decoding tree: node n has children at CHILDREN[2n] (bit 0) and CHILDREN[2n + 1] (bit 1);
     *  a negative child -1 - s is the leaf of symbol s; 0 means no such code. */
    private static final int[] CHILDREN = decodingTree();

    private Huffman() {}

    static int codeOf(int symbol) {
        return CODES[symbol];
    }

    private static int[] canonicalCodes() {
        Integer[] order = IntStream.rangeClosed(0, EOS).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingInt(s -> LENGTHS[s]).thenComparingInt(s -> s));
        int[] codes = new int[EOS + 1];
        int code = 0;
        int length = LENGTHS[order[0]];
        for (int symbol : order) {
            code <<= LENGTHS[symbol] - length;
            length = LENGTHS[symbol];
            codes[symbol] = code++;
        }
        return codes;
    }

    private static int[] decodingTree() {
        int[] children = new int[2 * 2 * (EOS + 1)];
        int nodes = 1;
        for (int symbol = 0; symbol <= EOS; symbol++) {
            int node = 0;
            for (int bit = LENGTHS[symbol] - 1; bit > 0; bit--) {
                int slot = 2 * node + ((CODES[symbol] >>> bit) & 1);
                if (children[slot] == 0) {
                    children[slot] = nodes++;
                }
                node = children[slot];
            }
            children[2 * node + (CODES[symbol] & 1)] = -1 - symbol;
        }
        return children;
    }

    /** RFC 7541 §5.2: rejects EOS in the data and padding that is longer than 7 bits or not all ones. */
    static byte[] decode(byte[] in, int offset, int length) throws HpackException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 8 / 5 + 1);
        int node = 0;
        int bitsSinceSymbol = 0;
        boolean allOnes = true;
        for (int i = offset; i < offset + length; i++) {
            int octet = in[i] & 0xff;
            for (int bit = 7; bit >= 0; bit--) {
                int b = (octet >>> bit) & 1;
                int next = CHILDREN[2 * node + b];
                bitsSinceSymbol++;
                allOnes &= b == 1;
                if (next < 0) {
                    int symbol = -1 - next;
                    if (symbol == EOS) {
                        throw new HpackException("EOS symbol inside a Huffman string");
                    }
                    out.write(symbol);
                    node = 0;
                    bitsSinceSymbol = 0;
                    allOnes = true;
                } else if (next == 0) {
                    throw new HpackException("invalid Huffman code");
                } else {
                    node = next;
                }
            }
        }
        if (bitsSinceSymbol > 7 || !allOnes) {
            throw new HpackException("invalid Huffman padding");
        }
        return out.toByteArray();
    }

    static int encodedLength(byte[] data) {
        long bits = 0;
        for (byte b : data) {
            bits += LENGTHS[b & 0xff];
        }
        return (int) ((bits + 7) / 8);
    }

    static void encode(byte[] data, ByteArrayOutputStream out) {
        long acc = 0;
        int bits = 0;
        for (byte b : data) {
            int symbol = b & 0xff;
            acc = (acc << LENGTHS[symbol]) | CODES[symbol];
            bits += LENGTHS[symbol];
            while (bits >= 8) {
                bits -= 8;
                out.write((int) (acc >>> bits));
            }
        }
        if (bits > 0) {
            // pad with the most significant bits of EOS, which are all ones
            out.write((int) ((acc << (8 - bits)) | (0xff >>> bits)));
        }
    }
}
