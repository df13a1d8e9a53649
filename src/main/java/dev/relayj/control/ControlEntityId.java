package dev.relayj.control;

import java.util.Arrays;
import java.util.Base64;

/**
 * An entity id typed on the control port (a queue's sender or link id, a file's recipient id):
 * the decoded bytes of its base64url text. The reference does not bound its length here, so
 * neither does this type; ids longer than the protocol's 255 bytes simply name nothing.
 */
public record ControlEntityId(byte[] bytes) {
    /** The longest id a store can hold (a one-byte length prefix on the wire). */
    public static final int MAX_STORED_LENGTH = 255;

    public ControlEntityId {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether an entity with this id could exist at all. */
    public boolean fitsStore() {
        return bytes.length <= MAX_STORED_LENGTH;
    }

    /** {@code _strP} of an {@code EntityId}: a space, then base64url. */
    static ControlEntityId parseArgument(LineCursor in) throws ControlParseException {
        in.space();
        return new ControlEntityId(ReferenceBase64Url.parse(in));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ControlEntityId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ControlEntityId[" + Base64.getUrlEncoder().encodeToString(bytes) + "]";
    }
}
