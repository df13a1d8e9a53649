package dev.relayj.transport;

import dev.relayj.encoding.DecodingException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few DER operations the signed session keys need: writing a tag-length-value and splitting
 * content into its elements while keeping each element's exact bytes, as hs-x509 keeps the raw
 * bytes of a signed object to verify its signature over them.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int BIT_STRING = 0x03;

    private Der() {}

    /** One element: its tag, its whole encoding (tag, length, content) and its content. */
    record Element(int tag, byte[] encoded, byte[] content) {}

    static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The single element that spans all of {@code der}. */
    static Element single(byte[] der) throws DecodingException {
        List<Element> elements = elements(der);
        if (elements.size() != 1) {
            throw new DecodingException("expected one DER element, found " + elements.size());
        }
        return elements.get(0);
    }

    /** The elements that {@code der} consists of, in order; definite lengths only. */
    static List<Element> elements(byte[] der) throws DecodingException {
        List<Element> elements = new ArrayList<>();
        int position = 0;
        while (position < der.length) {
            int start = position;
            int tag = der[position++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new DecodingException("multi-byte DER tags are not supported");
            }
            if (position >= der.length) {
                throw new DecodingException("DER element without length");
            }
            int first = der[position++] & 0xFF;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7F;
                if (count == 0 || count > 3 || position + count > der.length) {
                    throw new DecodingException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (der[position++] & 0xFF);
                }
            }
            if (length > der.length - position) {
                throw new DecodingException("DER element longer than its input");
            }
            int end = position + length;
            elements.add(new Element(tag, Arrays.copyOfRange(der, start, end), Arrays.copyOfRange(der, position, end)));
            position = end;
        }
        return elements;
    }
}
