package dev.relayj.smp.protocol;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.EntityId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A command a client sends to an SMP server ({@code Command p} in {@code Protocol.hs}). On the
 * wire: the tag, then for commands with parameters a space and the parameters in the binary
 * encoding. Each record below writes and reads its own parameters.
 */
public sealed interface Command {

    /** The command's tag as sent, e.g. {@code NEW}. */
    String tag();

    /** Who sends this command. */
    Party party();

    /** Writes the parameters, including the leading space; nothing for commands without them. */
    void writeParams(SmpWriter writer, int version);

    /** The whole command as sent by a client of this version ({@code encodeProtocol}). */
    default byte[] encode(int version) {
        SmpWriter writer = new SmpWriter(64);
        writer.writeAscii(tag());
        writeParams(writer, version);
        return writer.toByteArray();
    }

    // ---- recipient (creator) commands ----

    /** Create a queue: {@code NEW <NewQueueRequest>}. */
    record New(NewQueueRequest request) implements Command {
        public String tag() { return "NEW"; }
        public Party party() { return Party.CREATOR; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            request.writeTo(writer, version);
        }

        static New read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new New(NewQueueRequest.readFrom(reader, version));
        }
    }

    /** Subscribe to the queue. */
    record Sub() implements Command {
        public String tag() { return "SUB"; }
        public Party party() { return Party.RECIPIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    /** Subscribe all queues of the service (v16); the entity id is the service id. */
    record Subs() implements Command {
        public String tag() { return "SUBS"; }
        public Party party() { return Party.RECIPIENT_SERVICE; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    /** Secure the queue with the sender's key: {@code KEY <key>}. */
    record Key(AuthPublicKey senderKey) implements Command {
        public String tag() { return "KEY"; }
        public Party party() { return Party.RECIPIENT; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            senderKey.writeTo(writer);
        }

        static Key read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Key(PublicKey.readAuthKey(reader));
        }
    }

    /** Replace the recipient keys: {@code RKEY <non-empty list of keys>}. */
    record RKey(List<AuthPublicKey> recipientKeys) implements Command {
        public RKey {
            recipientKeys = List.copyOf(recipientKeys);
            if (recipientKeys.isEmpty() || recipientKeys.size() > 255) {
                throw new IllegalArgumentException("RKEY needs 1 to 255 keys");
            }
        }

        public String tag() { return "RKEY"; }
        public Party party() { return Party.RECIPIENT; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            writer.writeList(recipientKeys, (w, k) -> k.writeTo(w));
        }

        static RKey read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new RKey(reader.readNonEmptyList(PublicKey::readAuthKey));
        }
    }

    /** Set the short link data: {@code LSET <linkId> <fixed data> <user data>}. */
    record LSet(EntityId linkId, QueueLinkData data) implements Command {
        public String tag() { return "LSET"; }
        public Party party() { return Party.RECIPIENT; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            linkId.writeTo(writer);
            data.writeTo(writer);
        }

        static LSet read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            EntityId linkId = EntityId.readFrom(reader);
            return new LSet(linkId, QueueLinkData.readFrom(reader));
        }
    }

    /** Delete the short link. */
    record LDel() implements Command {
        public String tag() { return "LDEL"; }
        public Party party() { return Party.RECIPIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    /** Enable notifications: {@code NKEY <notifier key> <recipient ntf DH key>}. */
    record NKey(AuthPublicKey notifierKey, X25519PublicKey rcvNtfDhKey) implements Command {
        public String tag() { return "NKEY"; }
        public Party party() { return Party.RECIPIENT; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            notifierKey.writeTo(writer);
            rcvNtfDhKey.writeTo(writer);
        }

        static NKey read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            AuthPublicKey notifierKey = PublicKey.readAuthKey(reader);
            return new NKey(notifierKey, PublicKey.readX25519Key(reader));
        }
    }

    /** Disable notifications. */
    record NDel() implements Command {
        public String tag() { return "NDEL"; }
        public Party party() { return Party.RECIPIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    /** Get one message without subscribing. */
    record Get() implements Command {
        public String tag() { return "GET"; }
        public Party party() { return Party.RECIPIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    /** Acknowledge a delivered message: {@code ACK <msgId>}. */
    record Ack(byte[] msgId) implements Command {
        public Ack {
            if (msgId.length > 255) {
                throw new IllegalArgumentException("a message id holds at most 255 bytes");
            }
            msgId = msgId.clone();
        }

        @Override
        public byte[] msgId() { return msgId.clone(); }

        public String tag() { return "ACK"; }
        public Party party() { return Party.RECIPIENT; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ').writeShortBytes(msgId);
        }

        static Ack read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Ack(reader.readShortBytes());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ack ack && Arrays.equals(msgId, ack.msgId);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(msgId); }
    }

    /** Suspend the queue. */
    record Off() implements Command {
        public String tag() { return "OFF"; }
        public Party party() { return Party.RECIPIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    /** Delete the queue. */
    record Del() implements Command {
        public String tag() { return "DEL"; }
        public Party party() { return Party.RECIPIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    /** Ask for the queue's state (answered with INFO). */
    record Que() implements Command {
        public String tag() { return "QUE"; }
        public Party party() { return Party.RECIPIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    // ---- sender commands ----

    /** Secure the queue by the sender (v9): {@code SKEY <key>}. */
    record SKey(AuthPublicKey senderKey) implements Command {
        public String tag() { return "SKEY"; }
        public Party party() { return Party.SENDER; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            senderKey.writeTo(writer);
        }

        static SKey read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new SKey(PublicKey.readAuthKey(reader));
        }
    }

    /**
     * Send a message: {@code SEND <flags> <body to the end>}. A received body is a view of the
     * block it arrived in, which the message store and the recipient's block are written from.
     */
    record Send(MsgFlags flags, ByteView body) implements Command {
        public Send(MsgFlags flags, byte[] body) {
            this(flags, ByteView.copyOf(body));
        }

        /** The body's length. */
        public int bodyLength() { return body.length(); }

        public String tag() { return "SEND"; }
        public Party party() { return Party.SENDER; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            flags.writeTo(writer);
            writer.writeChar(' ').writeTail(body);
        }

        static Send read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            MsgFlags flags = MsgFlags.readFrom(reader);
            Words.space(reader);
            return new Send(flags, reader.readTailView());
        }

        @Override
        public String toString() { return "Send[" + flags + ", " + body.length() + " bytes]"; }
    }

    /** Keep-alive; answered with PONG. */
    record Ping() implements Command {
        public String tag() { return "PING"; }
        public Party party() { return Party.IDLE_CLIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    // ---- short link clients ----

    /** Secure a contact queue via its link and get its data: {@code LKEY <key>}. */
    record LKey(AuthPublicKey senderKey) implements Command {
        public String tag() { return "LKEY"; }
        public Party party() { return Party.LINK_CLIENT; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            senderKey.writeTo(writer);
        }

        static LKey read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new LKey(PublicKey.readAuthKey(reader));
        }
    }

    /** Get a link's data. */
    record LGet() implements Command {
        public String tag() { return "LGET"; }
        public Party party() { return Party.LINK_CLIENT; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    // ---- notifier commands ----

    /** Subscribe to notifications of the queue. */
    record NSub() implements Command {
        public String tag() { return "NSUB"; }
        public Party party() { return Party.NOTIFIER; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    /** Subscribe to notifications of all queues of the service (v16). */
    record NSubs() implements Command {
        public String tag() { return "NSUBS"; }
        public Party party() { return Party.NOTIFIER_SERVICE; }
        public void writeParams(SmpWriter writer, int version) {}
    }

    // ---- proxy commands ----

    /** Ask the proxy for a session with a relay: {@code PRXY <server> Maybe(basicAuth)}. */
    record Prxy(SmpServerAddress server, BasicAuth basicAuth) implements Command {
        public String tag() { return "PRXY"; }
        public Party party() { return Party.PROXIED_CLIENT; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ');
            server.writeTo(writer);
            writer.writeMaybe(basicAuth, (w, a) -> a.writeTo(w));
        }

        static Prxy read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            SmpServerAddress server = SmpServerAddress.readFrom(reader);
            return new Prxy(server, reader.readMaybe(BasicAuth::readFrom));
        }
    }

    /**
     * Send a command through the proxy: {@code PFWD <version> <client DH key> <encrypted
     * transmission to the end>}; the entity id is the proxy session, the correlation id the nonce.
     */
    record Pfwd(int relayVersion, X25519PublicKey clientKey, byte[] encryptedTransmission) implements Command {
        public Pfwd {
            if (relayVersion < 0 || relayVersion > 0xFFFF) {
                throw new IllegalArgumentException("not a version: " + relayVersion);
            }
            encryptedTransmission = encryptedTransmission.clone();
        }

        @Override
        public byte[] encryptedTransmission() { return encryptedTransmission.clone(); }

        public String tag() { return "PFWD"; }
        public Party party() { return Party.PROXIED_CLIENT; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ').writeWord16(relayVersion);
            clientKey.writeTo(writer);
            writer.writeTail(encryptedTransmission);
        }

        static Pfwd read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            int relayVersion = reader.readWord16();
            X25519PublicKey clientKey = PublicKey.readX25519Key(reader);
            return new Pfwd(relayVersion, clientKey, reader.readTail());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pfwd p && p.relayVersion == relayVersion && p.clientKey.equals(clientKey)
                    && Arrays.equals(p.encryptedTransmission, encryptedTransmission);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(encryptedTransmission) + relayVersion; }
    }

    /** A proxy forwards a client's command to this relay: {@code RFWD <encrypted to the end>}. */
    record Rfwd(byte[] encryptedForwarded) implements Command {
        public Rfwd {
            encryptedForwarded = encryptedForwarded.clone();
        }

        @Override
        public byte[] encryptedForwarded() { return encryptedForwarded.clone(); }

        public String tag() { return "RFWD"; }
        public Party party() { return Party.PROXY_SERVICE; }

        public void writeParams(SmpWriter writer, int version) {
            writer.writeChar(' ').writeTail(encryptedForwarded);
        }

        static Rfwd read(SmpReader reader, int version) throws DecodingException {
            Words.space(reader);
            return new Rfwd(reader.readTail());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rfwd r && Arrays.equals(r.encryptedForwarded, encryptedForwarded);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(encryptedForwarded); }
    }

    Sub SUB = new Sub();
    Subs SUBS = new Subs();
    LDel LDEL = new LDel();
    NDel NDEL = new NDel();
    Get GET = new Get();
    Off OFF = new Off();
    Del DEL = new Del();
    Que QUE = new Que();
    Ping PING = new Ping();
    LGet LGET = new LGet();
    NSub NSUB = new NSub();
    NSubs NSUBS = new NSubs();

    /**
     * Parses a command as a server of this version does ({@code parseProtocol}): the tag is
     * everything before the first space; an unknown tag (including any server response) is
     * {@code CMD UNKNOWN}; parameters that do not parse exactly, with nothing left over, are
     * {@code CMD SYNTAX}.
     */
    static Parsed<Command> parse(int version, byte[] command) {
        return parse(version, ByteView.copyOf(command));
    }

    /** As {@link #parse(int, byte[])}; a SEND's body is a view of {@code command}. */
    static Parsed<Command> parse(int version, ByteView command) {
        return ProtocolParsing.parse(command, CommandReaders::forTag, version);
    }

    /**
     * Checks that the transmission carries exactly the credentials the command needs
     * ({@code checkCredentials} in {@code Protocol.hs}); the error to answer, if any.
     *
     * @param authorized whether the transmission has an authorization (signature or authenticator)
     */
    static Optional<ErrorType> checkCredentials(boolean authorized, EntityId entityId, Command command) {
        boolean hasEntity = !entityId.isEmpty();
        ErrorType noAuth = ErrorType.cmd(CommandError.NO_AUTH);
        ErrorType hasAuth = ErrorType.cmd(CommandError.HAS_AUTH);
        ErrorType noEntity = ErrorType.cmd(CommandError.NO_ENTITY);
        return switch (command) {
            // NEW must be signed and must not name a queue
            case New n -> !authorized ? Optional.of(noAuth) : hasEntity ? Optional.of(hasAuth) : Optional.empty();
            // SEND must name a queue; whether it must be signed depends on the queue
            case Send s -> hasEntity ? Optional.empty() : Optional.of(noEntity);
            case LGet g -> entityCommand(authorized, hasEntity);
            case Pfwd p -> entityCommand(authorized, hasEntity);
            case Ping p -> noAuthCommand(authorized, hasEntity);
            case Prxy p -> noAuthCommand(authorized, hasEntity);
            case Rfwd r -> noAuthCommand(authorized, hasEntity);
            default -> authorized && hasEntity ? Optional.empty() : Optional.of(noAuth);
        };
    }

    /** The command names an entity and is not signed. */
    private static Optional<ErrorType> entityCommand(boolean authorized, boolean hasEntity) {
        if (!hasEntity) {
            return Optional.of(ErrorType.cmd(CommandError.NO_ENTITY));
        }
        return authorized ? Optional.of(ErrorType.cmd(CommandError.HAS_AUTH)) : Optional.empty();
    }

    /** The command names no entity and is not signed. */
    private static Optional<ErrorType> noAuthCommand(boolean authorized, boolean hasEntity) {
        return !authorized && !hasEntity ? Optional.empty() : Optional.of(ErrorType.cmd(CommandError.HAS_AUTH));
    }

    /**
     * Commands a relay accepts inside RFWD from a proxy (SEND, SKEY, LKEY, LGET); any other
     * forwarded command is answered with {@code CMD PROHIBITED} ({@code rejectOrVerify} in
     * {@code Server.hs}).
     */
    static boolean isForwardable(Command command) {
        return command instanceof Send || command instanceof SKey || command instanceof LKey || command instanceof LGet;
    }

    /** Commands that carry the service signature when sent in a service session ({@code useServiceAuth}). */
    static boolean usesServiceAuth(Command command) {
        return command instanceof New || command instanceof Sub || command instanceof NSub;
    }
}
