package dev.relayj.smp.protocol;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.transport.SmpVersions;

/**
 * The parameters of NEW ({@code NewQueueReq}). What follows the two keys depends on the version
 * ({@code encodeProtocol}/{@code protocolP} of NEW in {@code Protocol.hs}):
 * <pre>
 * v6..v8   rcvAuthKey rcvDhKey ["A" basicAuth] subMode
 * v9..v14  rcvAuthKey rcvDhKey Maybe(basicAuth) subMode senderCanSecure(T/F)
 * v15,v16  rcvAuthKey rcvDhKey Maybe(basicAuth) subMode Maybe(queueReqData)
 * v17+     rcvAuthKey rcvDhKey Maybe(basicAuth) subMode Maybe(queueReqData) Maybe(ntfCreds)
 * </pre>
 *
 * @param basicAuth the server password, or null
 * @param queueRequestData the queue's mode and link, or null (pre-v9 clients, or v15+ clients that omit it)
 * @param notifierCredentials notifier credentials to create with the queue (v17+), or null
 */
public record NewQueueRequest(
        AuthPublicKey rcvAuthKey,
        X25519PublicKey rcvDhKey,
        BasicAuth basicAuth,
        SubscriptionMode subscriptionMode,
        QueueRequestData queueRequestData,
        NewNotifierCredentials notifierCredentials) {

    public NewQueueRequest {
        if (rcvAuthKey == null || rcvDhKey == null || subscriptionMode == null) {
            throw new IllegalArgumentException("NEW needs the recipient keys and a subscription mode");
        }
    }

    /** The queue mode requested, or null when the client did not say. */
    public QueueMode queueMode() {
        return queueRequestData == null ? null : queueRequestData.mode();
    }

    /** Writes the parameters after {@code "NEW "}. */
    void writeTo(SmpWriter writer, int version) {
        rcvAuthKey.writeTo(writer);
        rcvDhKey.writeTo(writer);
        if (version < SmpVersions.SND_AUTH_KEY_SMP_VERSION) {
            if (basicAuth != null) {
                writer.writeChar('A');
                basicAuth.writeTo(writer);
            }
            subscriptionMode.writeTo(writer);
            return;
        }
        writer.writeMaybe(basicAuth, (w, a) -> a.writeTo(w));
        subscriptionMode.writeTo(writer);
        if (version < SmpVersions.SHORT_LINKS_SMP_VERSION) {
            writer.writeBool(QueueMode.senderCanSecure(queueMode()));
            return;
        }
        writer.writeMaybe(queueRequestData, (w, d) -> d.writeTo(w));
        if (version >= SmpVersions.NEW_NTF_CREDS_SMP_VERSION) {
            writer.writeMaybe(notifierCredentials, (w, c) -> c.writeTo(w));
        }
    }

    /** Reads the parameters after {@code "NEW "}. */
    static NewQueueRequest readFrom(SmpReader reader, int version) throws DecodingException {
        AuthPublicKey rcvAuthKey = PublicKey.readAuthKey(reader);
        X25519PublicKey rcvDhKey = PublicKey.readX25519Key(reader);
        BasicAuth basicAuth;
        if (version < SmpVersions.SND_AUTH_KEY_SMP_VERSION) {
            basicAuth = reader.consumeIfNext("A") ? BasicAuth.readFrom(reader) : null;
        } else {
            basicAuth = reader.readMaybe(BasicAuth::readFrom);
        }
        SubscriptionMode subscriptionMode = SubscriptionMode.readFrom(reader);
        QueueRequestData requestData = null;
        NewNotifierCredentials notifierCredentials = null;
        if (version >= SmpVersions.SHORT_LINKS_SMP_VERSION) {
            requestData = reader.readMaybe(QueueRequestData::readFrom);
            if (version >= SmpVersions.NEW_NTF_CREDS_SMP_VERSION) {
                notifierCredentials = reader.readMaybe(NewNotifierCredentials::readFrom);
            }
        } else if (version >= SmpVersions.SND_AUTH_KEY_SMP_VERSION) {
            requestData = QueueRequestData.fromSenderCanSecure(reader.readBool());
        }
        return new NewQueueRequest(rcvAuthKey, rcvDhKey, basicAuth, subscriptionMode, requestData, notifierCredentials);
    }
}
