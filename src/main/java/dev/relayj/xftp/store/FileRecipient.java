package dev.relayj.xftp.store;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.protocol.EntityId;

/** A recipient of a file: its id and the key that authorizes its commands ({@code FileRecipient}). */
public record FileRecipient(EntityId recipientId, AuthPublicKey key) {
    /** Store log text form {@code <rId>:<key>}, both base64url, as {@code FileRecipient}'s StrEncoding. */
    public String encode() {
        return recipientId.toBase64() + ":" + StoreText.encodeKey(key);
    }
}
