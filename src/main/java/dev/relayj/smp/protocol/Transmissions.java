package dev.relayj.smp.protocol;

import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.Authorization;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.TransmissionAuth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * SMP transmissions and their batching into blocks ({@code transmissionP}, {@code tParse},
 * {@code tDecodeServer}, {@code encodeTransmission}, {@code batchTransmissions_} in
 * {@code Protocol.hs}).
 * <pre>
 * block content = count(1 byte, 1..255) *(length(Word16) transmission)   ; then padded
 * transmission  = authorization [serviceSignature] authorized
 * authorization = shortString            ; empty, a signature (64/114) or an authenticator (80)
 * serviceSignature = "0" / "1" shortString  ; v16+, only when the authorization is not empty
 * authorized    = [sessionId] corrId entityId command   ; sessionId sent before v7 only
 * </pre>
 * The authorization covers {@code sessionId corrId entityId command}, the session id included
 * even when it is not sent.
 */
public final class Transmissions {
    private Transmissions() {}

    /** Bytes of a block that batching keeps free: 2 for padding length, 1 for the count, 16 for the block's auth tag. */
    private static final int BATCH_OVERHEAD = 19;
    private static final int MAX_BATCH_COUNT = 255;

    /**
     * Splits the content of a received block (already unpadded or decrypted) into its
     * transmissions ({@code tParse}). A block that does not parse as a whole gives one BLOCK error;
     * a transmission that does not parse gives a BLOCK error in its place.
     */
    public static List<Parsed<RawTransmission>> parseBlock(TransmissionParams params, byte[] content) {
        return parseBlock(params, ByteView.copyOf(content));
    }

    /** As {@link #parseBlock(TransmissionParams, byte[])}; the commands are views of {@code content}. */
    public static List<Parsed<RawTransmission>> parseBlock(TransmissionParams params, ByteView content) {
        List<ByteView> transmissions;
        try {
            SmpReader reader = new SmpReader(content);
            transmissions = reader.readNonEmptyList(SmpReader::readLargeView);
            reader.expectEnd();
        } catch (DecodingException e) {
            return List.of(Parsed.failed(ErrorType.Simple.BLOCK));
        }
        List<Parsed<RawTransmission>> parsed = new ArrayList<>(transmissions.size());
        for (ByteView transmission : transmissions) {
            parsed.add(parseTransmission(params, transmission));
        }
        return parsed;
    }

    /** Parses one transmission ({@code transmissionP}); BLOCK when it does not parse. */
    public static Parsed<RawTransmission> parseTransmission(TransmissionParams params, byte[] transmission) {
        return parseTransmission(params, ByteView.copyOf(transmission));
    }

    /** As {@link #parseTransmission(TransmissionParams, byte[])}; the command is a view of {@code transmission}. */
    public static Parsed<RawTransmission> parseTransmission(TransmissionParams params, ByteView transmission) {
        try {
            SmpReader reader = new SmpReader(transmission);
            byte[] authorization = reader.readShortBytes();
            byte[] serviceSignature = null;
            if (params.serviceAuth() && authorization.length > 0) {
                serviceSignature = reader.readMaybe(Transmissions::readServiceSignature);
            }
            // the session id goes over the spent authorization bytes, so that what the signature
            // covers is a view of the block rather than a copy of the SEND's body
            ByteView authorized;
            ByteView sent;
            if (params.implySessionId()) {
                byte[] sessionId = params.encodedSessionId();
                authorized = reader.readTailOverSpent(sessionId);
                sent = authorized.slice(sessionId.length, authorized.length() - sessionId.length);
            } else {
                authorized = reader.readTailView();
                sent = authorized;
            }
            SmpReader authorizedReader = new SmpReader(sent);
            byte[] sessionId = params.implySessionId() ? new byte[0] : authorizedReader.readShortBytes();
            CorrId corrId = CorrId.readFrom(authorizedReader);
            EntityId entityId = EntityId.readFrom(authorizedReader);
            ByteView command = authorizedReader.readTailView();
            return Parsed.ok(new RawTransmission(authorization, serviceSignature, authorized, sessionId, corrId, entityId, command));
        } catch (DecodingException e) {
            return Parsed.failed(ErrorType.Simple.BLOCK);
        }
    }

    private static byte[] readServiceSignature(SmpReader reader) throws DecodingException {
        byte[] signature = reader.readShortBytes();
        if (signature.length != Authorization.SERVICE_SIGNATURE_LENGTH) {
            throw new DecodingException("bad service signature size");
        }
        return signature;
    }

    /**
     * What the server makes of one parsed transmission ({@code tDecodeServer}): session check
     * (before v7), authorization size, command parsing, then the credential check.
     */
    public static ServerTransmission decodeServer(TransmissionParams params, Parsed<RawTransmission> parsed) {
        if (!(parsed instanceof Parsed.Ok<RawTransmission>(RawTransmission t))) {
            return new ServerTransmission.Refused(CorrId.NONE, EntityId.NONE, ErrorType.Simple.BLOCK);
        }
        if (!params.implySessionId() && !params.sessionIdEquals(t.sessionId())) {
            return new ServerTransmission.Refused(t.corrId(), EntityId.NONE, ErrorType.Simple.SESSION);
        }
        if (!TransmissionAuth.isValidLength(t.authorization().length)) {
            return new ServerTransmission.Refused(t.corrId(), EntityId.NONE, ErrorType.Simple.BLOCK);
        }
        TransmissionAuth auth = TransmissionAuth.fromBytes(t.authorization());
        Authorization authorization = auth == null ? null : new Authorization(auth, t.serviceSignature());
        Parsed<Command> command = Command.parse(params.version(), t.command());
        if (command instanceof Parsed.Failed<Command>(ErrorType error)) {
            return new ServerTransmission.Refused(t.corrId(), t.entityId(), error);
        }
        Command cmd = command.value();
        Optional<ErrorType> credentialsError = Command.checkCredentials(authorization != null, t.entityId(), cmd);
        if (credentialsError.isPresent()) {
            return new ServerTransmission.Refused(t.corrId(), t.entityId(), credentialsError.get());
        }
        return new ServerTransmission.Received(authorization, t.authorized(), t.corrId(), t.entityId(), cmd);
    }

    /** Parses and decodes every transmission of a received block, as the server does. */
    public static List<ServerTransmission> decodeServerBlock(TransmissionParams params, byte[] content) {
        return decodeServerBlock(params, ByteView.copyOf(content));
    }

    /** As {@link #decodeServerBlock(TransmissionParams, byte[])}; message bodies are views of {@code content}. */
    public static List<ServerTransmission> decodeServerBlock(TransmissionParams params, ByteView content) {
        List<ServerTransmission> decoded = new ArrayList<>();
        for (Parsed<RawTransmission> parsed : parseBlock(params, content)) {
            decoded.add(decodeServer(params, parsed));
        }
        return decoded;
    }

    /** What a client makes of one parsed server transmission ({@code tDecodeClient}). */
    public static ClientTransmission decodeClient(TransmissionParams params, Parsed<RawTransmission> parsed) {
        if (!(parsed instanceof Parsed.Ok<RawTransmission>(RawTransmission t))) {
            return new ClientTransmission(CorrId.NONE, EntityId.NONE, Parsed.failed(ErrorType.Simple.BLOCK));
        }
        if (!params.implySessionId() && !params.sessionIdEquals(t.sessionId())) {
            return new ClientTransmission(t.corrId(), EntityId.NONE, Parsed.failed(ErrorType.Simple.SESSION));
        }
        Parsed<BrokerMessage> message = BrokerMessage.parse(params.version(), t.command().toByteArray());
        if (message instanceof Parsed.Ok<BrokerMessage>(BrokerMessage m)) {
            Optional<ErrorType> error = BrokerMessage.checkEntity(t.entityId(), m);
            if (error.isPresent()) {
                message = Parsed.failed(error.get());
            }
        }
        return new ClientTransmission(t.corrId(), t.entityId(), message);
    }

    /**
     * A server message as sent ({@code encodeTransmission}): {@code [sessionId] corrId entityId
     * message}, the session id only before v7.
     */
    public static byte[] encodeTransmission(TransmissionParams params, CorrId corrId, EntityId entityId, BrokerMessage message) {
        SmpWriter writer = new SmpWriter(64);
        if (!params.implySessionId()) {
            writer.writeShortBytes(params.sessionId());
        }
        corrId.writeTo(writer);
        entityId.writeTo(writer);
        message.writeTo(writer, params.version());
        return writer.toByteArray();
    }

    /**
     * A client command's bytes to authorize and bytes to send ({@code encodeTransmissionForAuth}):
     * both are {@code sessionId corrId entityId command} before v7; from v7 the sent bytes leave
     * out the session id.
     */
    public static ForAuth encodeForAuth(TransmissionParams params, CorrId corrId, EntityId entityId, Command command) {
        SmpWriter writer = new SmpWriter(64);
        corrId.writeTo(writer);
        entityId.writeTo(writer);
        writer.writeRaw(command.encode(params.version()));
        byte[] rest = writer.toByteArray();
        byte[] forAuth = new SmpWriter(rest.length + 33).writeShortBytes(params.sessionId()).writeRaw(rest).toByteArray();
        return new ForAuth(forAuth, params.implySessionId() ? rest : forAuth);
    }

    /** The bytes a command's authorization covers and the bytes sent after the authorization. */
    public record ForAuth(byte[] forAuth, byte[] toSend) {}

    /**
     * A transmission with its authorization in front ({@code tEncode}); with no authorization
     * just an empty short string, as in every server response. The service signature, or its
     * absence as {@code 0}, follows a non-empty authorization when {@code serviceAuth}.
     *
     * @param authorization the authorization, or null
     */
    public static byte[] withAuthorization(boolean serviceAuth, Authorization authorization, byte[] transmission) {
        SmpWriter writer = new SmpWriter(transmission.length + 200);
        if (authorization == null) {
            writer.writeShortBytes(new byte[0]);
        } else {
            writer.writeShortBytes(authorization.auth().bytes());
            if (serviceAuth) {
                writer.writeMaybe(authorization.serviceSignature(), SmpWriter::writeShortBytes);
            }
        }
        return writer.writeRaw(transmission).toByteArray();
    }

    /** A server response ready for batching: no authorization, then the encoded transmission. */
    public static byte[] encodeResponse(TransmissionParams params, CorrId corrId, EntityId entityId, BrokerMessage message) {
        return withAuthorization(params.serviceAuth(), null, encodeTransmission(params, corrId, entityId, message));
    }

    /**
     * Packs transmissions (each already with its authorization) into blocks of at most
     * {@code blockSize - 19} content bytes and 255 transmissions, keeping their order
     * ({@code batchTransmissions_}). As the reference folds from the end, the last blocks are
     * full and the first one takes what is left; a transmission that fits no block is reported
     * in its place and breaks the batch around it.
     */
    public static List<Batch> batch(int blockSize, List<byte[]> transmissions) {
        int[] lengths = new int[transmissions.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = transmissions.get(i).length;
        }
        return batch(blockSize, lengths);
    }

    /** As {@link #batch(int, List)}, by the transmissions' lengths alone. */
    public static List<Batch> batch(int blockSize, int[] lengths) {
        int limit = blockSize - BATCH_OVERHEAD;
        Deque<Batch> batches = new ArrayDeque<>();
        Deque<Integer> current = new ArrayDeque<>();
        int currentLength = 0;
        for (int i = lengths.length - 1; i >= 0; i--) {
            int length = lengths[i] + 2;
            if (currentLength + length <= limit && current.size() < MAX_BATCH_COUNT) {
                current.addFirst(i);
                currentLength += length;
            } else {
                closeBatch(batches, current);
                current.clear();
                currentLength = 0;
                if (length <= limit) {
                    current.addFirst(i);
                    currentLength = length;
                } else {
                    batches.addFirst(new Batch.TooLarge(i));
                }
            }
        }
        closeBatch(batches, current);
        return List.copyOf(batches);
    }

    private static void closeBatch(Deque<Batch> batches, Deque<Integer> current) {
        if (!current.isEmpty()) {
            batches.addFirst(new Batch.Block(List.copyOf(current)));
        }
    }

    /** The content of a block of {@link #batch}: the count, then each of its transmissions as a {@code Large}. */
    public static byte[] blockContent(Batch.Block block, List<byte[]> transmissions) {
        int length = 1;
        for (int index : block.indexes()) {
            length += 2 + transmissions.get(index).length;
        }
        SmpWriter writer = new SmpWriter(length);
        writer.writeByte(block.count());
        for (int index : block.indexes()) {
            writer.writeLarge(transmissions.get(index));
        }
        return writer.toByteArray();
    }

    /**
     * A server MSG transmission ready for batching, up to its encrypted body: the caller writes
     * the {@code encryptedBodyLength} bytes of the body right after it, in the block itself.
     */
    public static byte[] encodeMessageHead(TransmissionParams params, CorrId corrId, EntityId entityId, byte[] msgId) {
        SmpWriter writer = new SmpWriter(96);
        writer.writeShortBytes(new byte[0]);
        if (!params.implySessionId()) {
            writer.writeShortBytes(params.sessionId());
        }
        corrId.writeTo(writer);
        entityId.writeTo(writer);
        BrokerMessage.Msg.writeHead(writer, msgId);
        return writer.toByteArray();
    }
}
