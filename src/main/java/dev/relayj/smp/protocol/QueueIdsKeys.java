package dev.relayj.smp.protocol;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.EntityId;
import dev.relayj.transport.SmpVersions;

/**
 * The answer to NEW, sent as IDS ({@code QueueIdsKeys}). What follows the server's DH key
 * depends on the version:
 * <pre>
 * v6..v8   rcvId sndId srvDhKey
 * v9..v14  rcvId sndId srvDhKey senderCanSecure(T/F)
 * v15      rcvId sndId srvDhKey Maybe(queueMode) Maybe(linkId)
 * v16      ... Maybe(serviceId)
 * v17+     ... Maybe(serviceId) Maybe(serverNtfCreds)
 * </pre>
 *
 * @param queueMode the queue's mode, or null
 * @param linkId the short link id, or null
 * @param serviceId the id of the service the queue is associated with, or null
 * @param notifierCredentials the notifier credentials created with the queue, or null
 */
public record QueueIdsKeys(
        EntityId recipientId,
        EntityId senderId,
        X25519PublicKey serverDhKey,
        QueueMode queueMode,
        EntityId linkId,
        EntityId serviceId,
        ServerNotifierCredentials notifierCredentials) {

    public QueueIdsKeys {
        if (recipientId == null || senderId == null || serverDhKey == null) {
            throw new IllegalArgumentException("IDS needs the queue ids and the server DH key");
        }
    }

    /** Writes the parameters after {@code "IDS "}. */
    void writeTo(SmpWriter writer, int version) {
        recipientId.writeTo(writer);
        senderId.writeTo(writer);
        serverDhKey.writeTo(writer);
        if (version >= SmpVersions.SHORT_LINKS_SMP_VERSION) {
            writer.writeMaybe(queueMode, (w, m) -> m.writeTo(w));
            writer.writeMaybe(linkId, (w, id) -> id.writeTo(w));
            if (version >= SmpVersions.SERVICE_CERTS_SMP_VERSION) {
                writer.writeMaybe(serviceId, (w, id) -> id.writeTo(w));
            }
            if (version >= SmpVersions.NEW_NTF_CREDS_SMP_VERSION) {
                writer.writeMaybe(notifierCredentials, (w, c) -> c.writeTo(w));
            }
        } else if (version >= SmpVersions.SND_AUTH_KEY_SMP_VERSION) {
            writer.writeBool(QueueMode.senderCanSecure(queueMode));
        }
    }

    static QueueIdsKeys readFrom(SmpReader reader, int version) throws DecodingException {
        EntityId recipientId = EntityId.readFrom(reader);
        EntityId senderId = EntityId.readFrom(reader);
        X25519PublicKey serverDhKey = PublicKey.readX25519Key(reader);
        QueueMode queueMode = null;
        EntityId linkId = null;
        EntityId serviceId = null;
        ServerNotifierCredentials credentials = null;
        if (version >= SmpVersions.SHORT_LINKS_SMP_VERSION) {
            queueMode = reader.readMaybe(QueueMode::readFrom);
            linkId = reader.readMaybe(EntityId::readFrom);
            if (version >= SmpVersions.SERVICE_CERTS_SMP_VERSION) {
                serviceId = reader.readMaybe(EntityId::readFrom);
            }
            if (version >= SmpVersions.NEW_NTF_CREDS_SMP_VERSION) {
                credentials = reader.readMaybe(ServerNotifierCredentials::readFrom);
            }
        } else if (version >= SmpVersions.SND_AUTH_KEY_SMP_VERSION) {
            queueMode = reader.readBool() ? QueueMode.MESSAGING : QueueMode.CONTACT;
        }
        return new QueueIdsKeys(recipientId, senderId, serverDhKey, queueMode, linkId, serviceId, credentials);
    }
}
