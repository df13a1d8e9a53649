package dev.relayj.smp.protocol;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.EntityId;

/**
 * The notifier id and the server's DH key for notification metadata, returned in IDS (v17,
 * {@code ServerNtfCreds}) and, as NID, in answer to NKEY.
 */
public record ServerNotifierCredentials(EntityId notifierId, X25519PublicKey serverNtfDhKey) {
    public ServerNotifierCredentials {
        if (notifierId == null || serverNtfDhKey == null) {
            throw new IllegalArgumentException("server notifier credentials need an id and a key");
        }
    }

    public void writeTo(SmpWriter writer) {
        notifierId.writeTo(writer);
        serverNtfDhKey.writeTo(writer);
    }

    public static ServerNotifierCredentials readFrom(SmpReader reader) throws DecodingException {
        EntityId notifierId = EntityId.readFrom(reader);
        return new ServerNotifierCredentials(notifierId, PublicKey.readX25519Key(reader));
    }
}
