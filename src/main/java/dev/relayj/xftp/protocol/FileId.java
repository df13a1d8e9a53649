package dev.relayj.xftp.protocol;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import java.util.Arrays;

/**
 * A sender or recipient id of a file chunk ({@code EntityId}): opaque bytes, 16 of them when the
 * server makes them ({@code fileIdSize} in {@code FileTransfer/Server/Main.hs}); empty when a
 * transmission carries none. A value type usable as a map key; its text form is padded base64url.
 */
public record FileId(byte[] bytes) {
    /** The length of the ids the server generates. */
    public static final int SERVER_ID_SIZE = 16;

    public static final FileId NONE = new FileId(new byte[0]);

    public FileId {
        if (bytes.length > 255) {
            throw new IllegalArgumentException("an entity id holds at most 255 bytes");
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

    public int length() {
        return bytes.length;
    }

    public String toBase64() {
        return Base64Url.encode(bytes);
    }

    public static FileId fromBase64(String text) throws DecodingException {
        byte[] decoded = Base64Url.decode(text);
        if (decoded.length > 255) {
            throw new DecodingException("entity id longer than 255 bytes");
        }
        return new FileId(decoded);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
