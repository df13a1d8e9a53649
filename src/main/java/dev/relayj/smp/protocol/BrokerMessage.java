package dev.relayj.smp.protocol;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.encoding.VersionRange;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.EntityId;
import dev.relayj.transport.CertChainPubKey;
import dev.relayj.transport.SmpVersions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A response or event a server sends ({@code BrokerMsg} in {@code Protocol.hs}): the tag, then for
 * messages with parameters a space and the parameters. Some are written differently by the
 * version of the receiving client; each record writes and reads its own parameters.
 */
public sealed interface BrokerMessage {

    String tag();

    /** Writes the message as a client of this version expects it ({@code encodeProtocol}). */
    void writeTo(SmpWriter writer, int version);

    default byte[] encode(int version) {
        SmpWriter writer = new SmpWriter(64);
        writeTo(writer, version);
        return writer.toByteArray();
    }

    /** Queue created: {@code IDS <QueueIdsKeys>}. */
    record Ids(QueueIdsKeys ids) implements BrokerMessage {
        public String tag() { return "IDS"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("IDS ");
            ids.writeTo(writer, version);
        }

        static Ids read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Ids(QueueIdsKeys.readFrom(reader, version));
        }
    }

    /** Link data: {@code LNK <senderId> <fixed data> <user data>}. */
    record Lnk(EntityId senderId, QueueLinkData data) implements BrokerMessage {
        public String tag() { return "LNK"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("LNK ");
            senderId.writeTo(writer);
            data.writeTo(writer);
        }

        static Lnk read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            EntityId senderId = EntityId.readFrom(reader);
            return new Lnk(senderId, QueueLinkData.readFrom(reader));
        }
    }

    /**
     * Subscribed: {@code SOK Maybe(serviceId)} from v16; before that clients get {@code OK}.
     *
     * @param serviceId the service the queue is now associated with, or null
     */
    record Sok(EntityId serviceId) implements BrokerMessage {
        public String tag() { return "SOK"; }

        public void writeTo(SmpWriter writer, int version) {
            if (version < SmpVersions.SERVICE_CERTS_SMP_VERSION) {
                writer.writeAscii("OK");
                return;
            }
            writer.writeAscii("SOK ");
            writer.writeMaybe(serviceId, (w, id) -> id.writeTo(w));
        }

        static Sok read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Sok(reader.readMaybe(EntityId::readFrom));
        }
    }

    /** The number of queues a SUBS subscribed: {@code SOKS <Int64>}. */
    record Soks(long count) implements BrokerMessage {
        public String tag() { return "SOKS"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("SOKS ").writeInt64(count);
        }

        static Soks read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Soks(reader.readInt64());
        }
    }

    /**
     * A delivered message: {@code MSG <msgId> <encrypted body to the end>}; the body is the
     * encrypted, padded {@link RcvMessageBody}.
     */
    record Msg(byte[] msgId, byte[] encryptedBody) implements BrokerMessage {
        public Msg {
            if (msgId.length > 255) {
                throw new IllegalArgumentException("a message id holds at most 255 bytes");
            }
            msgId = msgId.clone();
            encryptedBody = encryptedBody.clone();
        }

        @Override
        public byte[] msgId() { return msgId.clone(); }

        @Override
        public byte[] encryptedBody() { return encryptedBody.clone(); }

        public String tag() { return "MSG"; }

        public void writeTo(SmpWriter writer, int version) {
            writeHead(writer, msgId);
            writer.writeTail(encryptedBody);
        }

        /** {@code MSG} and the message id: what precedes the encrypted body (the same in every version). */
        public static void writeHead(SmpWriter writer, byte[] msgId) {
            writer.writeAscii("MSG ").writeShortBytes(msgId);
        }

        static Msg read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            byte[] msgId = reader.readShortBytes();
            return new Msg(msgId, reader.readTail());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Msg m && Arrays.equals(m.msgId, msgId) && Arrays.equals(m.encryptedBody, encryptedBody);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(msgId) * 31 + Arrays.hashCode(encryptedBody); }

        @Override
        public String toString() { return "Msg[" + msgId.length + " byte id, " + encryptedBody.length + " bytes]"; }
    }

    /** Notifications enabled: {@code NID <notifierId> <server ntf DH key>}. */
    record Nid(EntityId notifierId, X25519PublicKey serverNtfDhKey) implements BrokerMessage {
        public String tag() { return "NID"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("NID ");
            notifierId.writeTo(writer);
            serverNtfDhKey.writeTo(writer);
        }

        static Nid read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            EntityId notifierId = EntityId.readFrom(reader);
            return new Nid(notifierId, PublicKey.readX25519Key(reader));
        }
    }

    /** A notification: {@code NMSG <24-byte nonce> <encrypted meta as short string>}. */
    record Nmsg(byte[] nonce, byte[] encryptedMeta) implements BrokerMessage {
        public Nmsg {
            if (nonce.length != 24 || encryptedMeta.length > 255) {
                throw new IllegalArgumentException("NMSG needs a 24-byte nonce and at most 255 bytes of metadata");
            }
            nonce = nonce.clone();
            encryptedMeta = encryptedMeta.clone();
        }

        @Override
        public byte[] nonce() { return nonce.clone(); }

        @Override
        public byte[] encryptedMeta() { return encryptedMeta.clone(); }

        public String tag() { return "NMSG"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("NMSG ").writeRaw(nonce).writeShortBytes(encryptedMeta);
        }

        static Nmsg read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            byte[] nonce = reader.take(24);
            return new Nmsg(nonce, reader.readShortBytes());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Nmsg n && Arrays.equals(n.nonce, nonce) && Arrays.equals(n.encryptedMeta, encryptedMeta);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(nonce) * 31 + Arrays.hashCode(encryptedMeta); }
    }

    /**
     * The relay's session for a proxied client: {@code PKEY <relay session id> <relay version
     * range> <relay cert chain and signed key>}.
     */
    record Pkey(byte[] sessionId, VersionRange versionRange, CertChainPubKey certKey) implements BrokerMessage {
        public Pkey {
            if (sessionId.length > 255) {
                throw new IllegalArgumentException("a session id holds at most 255 bytes");
            }
            sessionId = sessionId.clone();
        }

        @Override
        public byte[] sessionId() { return sessionId.clone(); }

        public String tag() { return "PKEY"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("PKEY ").writeShortBytes(sessionId);
            versionRange.writeTo(writer);
            certKey.writeTo(writer);
        }

        static Pkey read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            byte[] sessionId = reader.readShortBytes();
            VersionRange range = VersionRange.readFrom(reader);
            return new Pkey(sessionId, range, CertChainPubKey.readFrom(reader));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pkey p && Arrays.equals(p.sessionId, sessionId)
                    && p.versionRange.equals(versionRange) && p.certKey.equals(certKey);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(sessionId) * 31 + certKey.hashCode(); }
    }

    /** The relay's encrypted response to RFWD: {@code RRES <to the end>}. */
    record Rres(byte[] encryptedResponse) implements BrokerMessage {
        public Rres {
            encryptedResponse = encryptedResponse.clone();
        }

        @Override
        public byte[] encryptedResponse() { return encryptedResponse.clone(); }

        public String tag() { return "RRES"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("RRES ").writeTail(encryptedResponse);
        }

        static Rres read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Rres(reader.readTail());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rres r && Arrays.equals(r.encryptedResponse, encryptedResponse);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(encryptedResponse); }
    }

    /** The proxy's encrypted response to PFWD: {@code PRES <to the end>}. */
    record Pres(byte[] encryptedResponse) implements BrokerMessage {
        public Pres {
            encryptedResponse = encryptedResponse.clone();
        }

        @Override
        public byte[] encryptedResponse() { return encryptedResponse.clone(); }

        public String tag() { return "PRES"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("PRES ").writeTail(encryptedResponse);
        }

        static Pres read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Pres(reader.readTail());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pres p && Arrays.equals(p.encryptedResponse, encryptedResponse);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(encryptedResponse); }
    }

    /** The subscription moved to another connection. */
    record End() implements BrokerMessage {
        public String tag() { return "END"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("END");
        }
    }

    /** The service subscription of this many queues moved to another connection: {@code ENDS <Int64>}. */
    record Ends(long count) implements BrokerMessage {
        public String tag() { return "ENDS"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("ENDS ").writeInt64(count);
        }

        static Ends read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Ends(reader.readInt64());
        }
    }

    /** The queue was deleted (v10); older clients get {@code END}. */
    record Deld() implements BrokerMessage {
        public String tag() { return "DELD"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii(version >= SmpVersions.DELETED_EVENT_SMP_VERSION ? "DELD" : "END");
        }
    }

    /** The queue's state: {@code INFO <JSON>}. */
    record Info(QueueInfo info) implements BrokerMessage {
        public String tag() { return "INFO"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("INFO ").writeRaw(info.toJson().getBytes(StandardCharsets.UTF_8));
        }

        static Info read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            byte[] json = reader.readTail();
            try {
                return new Info(QueueInfo.fromJson(StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(json)).toString()));
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new DecodingException("INFO is not UTF-8");
            }
        }
    }

    record Ok() implements BrokerMessage {
        public String tag() { return "OK"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("OK");
        }
    }

    /** An error: {@code ERR <error>}, adjusted to what the client's version knows. */
    record Err(ErrorType error) implements BrokerMessage {
        public String tag() { return "ERR"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("ERR ");
            error.forVersion(version).writeTo(writer);
        }

        static Err read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Err(ErrorType.readFrom(reader));
        }
    }

    record Pong() implements BrokerMessage {
        public String tag() { return "PONG"; }

        public void writeTo(SmpWriter writer, int version) {
            writer.writeAscii("PONG");
        }
    }

    End END = new End();
    Deld DELD = new Deld();
    Ok OK = new Ok();
    Pong PONG = new Pong();

    static Err err(ErrorType error) {
        return new Err(error);
    }

    static Err err(CommandError error) {
        return new Err(ErrorType.cmd(error));
    }

    /** Parses a server message as a client of this version does ({@code parseProtocol}). */
    static Parsed<BrokerMessage> parse(int version, byte[] message) {
        return ProtocolParsing.parse(message, BrokerMessageReaders::forTag, version);
    }

    /**
     * The client-side check of a server message's entity id ({@code checkCredentials} for
     * {@code BrokerMsg}): IDS and ERR may have any; PONG, PKEY and RRES must have none; all
     * others must have one.
     */
    static Optional<ErrorType> checkEntity(EntityId entityId, BrokerMessage message) {
        return switch (message) {
            case Ids i -> Optional.empty();
            case Err e -> Optional.empty();
            case Pong p -> noEntity(entityId);
            case Pkey p -> noEntity(entityId);
            case Rres r -> noEntity(entityId);
            default -> entityId.isEmpty() ? Optional.of(ErrorType.cmd(CommandError.NO_ENTITY)) : Optional.empty();
        };
    }

    private static Optional<ErrorType> noEntity(EntityId entityId) {
        return entityId.isEmpty() ? Optional.empty() : Optional.of(ErrorType.cmd(CommandError.HAS_AUTH));
    }
}
