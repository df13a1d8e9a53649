package dev.relayj.protocol;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The id of a server entity: a queue's recipient, sender, notifier or link id, a proxy session or
 * a service ({@code EntityId} in {@code Transport.hs}). Encoded as a short byte string; empty
 * means "no entity".
 */
public record EntityId(byte[] bytes) {
    /** Queue ids the server generates are this long (the reference's default {@code queueIdBytes}). */
    public static final int QUEUE_ID_LENGTH = 24;

    public static final EntityId NONE = new EntityId(new byte[0]);

    public EntityId {
        if (bytes.length > 255) {
            throw new IllegalArgumentException("an entity id holds at most 255 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static EntityId random(SecureRandom random) {
        byte[] id = new byte[QUEUE_ID_LENGTH];
        random.nextBytes(id);
        return new EntityId(id);
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

    /** Whether {@code array} holds this id's bytes at {@code offset} (compact stores keep ids packed). */
    public boolean contentEquals(byte[] array, int offset) {
        return offset + bytes.length <= array.length
                && Arrays.equals(bytes, 0, bytes.length, array, offset, offset + bytes.length);
    }

    public void writeTo(SmpWriter writer) {
        writer.writeShortBytes(bytes);
    }

    public static EntityId readFrom(SmpReader reader) throws DecodingException {
        return new EntityId(reader.readShortBytes());
    }

    /** The text form used in logs and store files: base64url. */
    public String toBase64() {
        return Base64Url.encode(bytes);
    }

    /** Reads the padded base64url text form (store logs, control port). */
    public static EntityId fromBase64(String text) throws DecodingException {
        byte[] decoded = Base64Url.decode(text);
        if (decoded.length > 255) {
            throw new DecodingException("entity id longer than 255 bytes");
        }
        return new EntityId(decoded);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntityId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "EntityId[" + Base64Url.encode(bytes) + "]";
    }
}
