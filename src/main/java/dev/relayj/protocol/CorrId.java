package dev.relayj.protocol;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;

/**
 * A transmission's correlation id: 24 random bytes from the client (also a crypto_box nonce in
 * proxying), echoed in the response; empty in server notifications. The parser accepts any
 * short byte string, as the reference does.
 */
public record CorrId(byte[] bytes) {
    public static final CorrId NONE = new CorrId(new byte[0]);

    public CorrId {
        if (bytes.length > 255) {
            throw new IllegalArgumentException("a correlation id holds at most 255 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public void writeTo(SmpWriter writer) {
        writer.writeShortBytes(bytes);
    }

    public static CorrId readFrom(SmpReader reader) throws DecodingException {
        return new CorrId(reader.readShortBytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CorrId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CorrId[" + Base64Url.encode(bytes) + "]";
    }
}
