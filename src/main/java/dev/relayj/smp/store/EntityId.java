package dev.relayj.smp.store;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;

/**
 * An opaque server entity id ({@code EntityId} in simplexmq's {@code Transport.hs}): queue
 * recipient, sender, notifier and link ids, service ids and message ids. The server generates
 * them (24 random bytes); the store only compares them.
 */
public record EntityId(byte[] bytes) {
    public EntityId {
        bytes = bytes.clone();
    }

    /** A copy of the id bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The text form of the store logs: base64url with padding ({@code strEncode}). */
    public String base64() {
        return Base64Url.encode(bytes);
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
        return base64();
    }
}
