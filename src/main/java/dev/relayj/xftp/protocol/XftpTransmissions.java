package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.TransmissionAuth;
import java.util.Arrays;

/**
 * XFTP transmissions in their block ({@code xftpEncodeTransmission}, {@code xftpDecodeTServer} in
 * {@code FileTransfer/Protocol.hs}). XFTP uses the batch syntax with exactly one transmission and
 * sends the session id ({@code implySessId = False}, {@code batch = True}):
 * <pre>
 * block        = pad(content, 16384)
 * content      = %x01 Word16-length transmission         ; one-element batch, nothing after it
 * transmission = shortBytes(authorization) authorized
 * authorized   = shortBytes(sessionId) shortBytes(corrId) shortBytes(entityId) command
 * </pre>
 * The server never sends an authorization, so its first byte is 0.
 */
public final class XftpTransmissions {
    private XftpTransmissions() {}

    /**
     * Decodes a command block as the server does; never throws. Order of checks as the reference:
     * block size and framing ({@code BLOCK}, no correlation id), session id ({@code SESSION}),
     * authorization size ({@code BLOCK}), command ({@code CMD UNKNOWN/SYNTAX}), credentials
     * ({@code CMD NO_AUTH/HAS_AUTH}).
     */
    public static ServerTransmission decodeServer(byte[] block, byte[] sessionId) {
        byte[] transmission;
        try {
            if (block.length != XftpBlock.SIZE) {
                throw new XftpException(XftpError.BLOCK);
            }
            transmission = singleTransmission(XftpBlock.unpad(block));
        } catch (XftpException e) {
            return new ServerTransmission.Rejected(CorrId.NONE, EntityId.NONE, XftpError.BLOCK);
        }
        byte[] authBytes;
        byte[] authorized;
        byte[] sessId;
        CorrId corrId;
        EntityId entityId;
        byte[] command;
        try {
            SmpReader reader = new SmpReader(transmission);
            authBytes = reader.readShortBytes();
            authorized = reader.readTail();
            SmpReader fields = new SmpReader(authorized);
            sessId = fields.readShortBytes();
            corrId = CorrId.readFrom(fields);
            entityId = new EntityId(fields.readShortBytes());
            command = fields.readTail();
        } catch (DecodingException e) {
            return new ServerTransmission.Rejected(CorrId.NONE, EntityId.NONE, XftpError.BLOCK);
        }
        if (!Arrays.equals(sessId, sessionId)) {
            return new ServerTransmission.Rejected(corrId, EntityId.NONE, XftpError.SESSION);
        }
        if (!TransmissionAuth.isValidLength(authBytes.length)) {
            return new ServerTransmission.Rejected(corrId, EntityId.NONE, XftpError.BLOCK);
        }
        TransmissionAuth auth = TransmissionAuth.fromBytes(authBytes);
        FileCommand parsed;
        try {
            parsed = FileCommand.parse(command);
        } catch (XftpException e) {
            return new ServerTransmission.Rejected(corrId, entityId, e.error());
        }
        XftpError credentialError = parsed.checkCredentials(auth != null, entityId);
        if (credentialError != null) {
            return new ServerTransmission.Rejected(corrId, entityId, credentialError);
        }
        return new ServerTransmission.Command(auth, authorized, corrId, entityId, parsed);
    }

    /** Encodes a server response block for the agreed version. */
    public static byte[] encodeResponse(
            byte[] sessionId, CorrId corrId, EntityId entityId, FileResponse response, int version) throws XftpException {
        return encodeBlock(new byte[0], authorized(sessionId, corrId.bytes(), entityId, response.encode(version)));
    }

    /** What a client signs, or authenticates with crypto_box, for a command ({@code tForAuth}). */
    public static byte[] authorizedBytes(byte[] sessionId, byte[] corrId, EntityId entityId, FileCommand command) {
        return authorized(sessionId, corrId, entityId, command.encode());
    }

    /** Encodes a client command block with the given authorization bytes (empty for none). */
    public static byte[] encodeCommand(byte[] authorization, byte[] sessionId, byte[] corrId, EntityId entityId,
            FileCommand command) throws XftpException {
        return encodeBlock(authorization, authorizedBytes(sessionId, corrId, entityId, command));
    }

    /**
     * Decodes a response block as a client does ({@code xftpDecodeTClient}): framing errors throw
     * {@code BLOCK}; a wrong session id, unparsable response or wrong entity id come back as the
     * transmission's error.
     */
    public static ClientTransmission decodeClient(byte[] block, byte[] sessionId) throws XftpException {
        byte[] transmission = singleTransmission(XftpBlock.unpad(block));
        try {
            SmpReader reader = new SmpReader(transmission);
            reader.readShortBytes();
            byte[] sessId = reader.readShortBytes();
            CorrId corrId = CorrId.readFrom(reader);
            EntityId entityId = new EntityId(reader.readShortBytes());
            byte[] response = reader.readTail();
            if (!Arrays.equals(sessId, sessionId)) {
                return new ClientTransmission(corrId, EntityId.NONE, null, XftpError.SESSION);
            }
            try {
                FileResponse parsed = FileResponse.parse(response);
                XftpError credentialError = parsed.checkCredentials(entityId);
                return credentialError == null
                        ? new ClientTransmission(corrId, entityId, parsed, null)
                        : new ClientTransmission(corrId, entityId, null, credentialError);
            } catch (XftpException e) {
                return new ClientTransmission(corrId, entityId, null, e.error());
            }
        } catch (DecodingException e) {
            return new ClientTransmission(CorrId.NONE, EntityId.NONE, null, XftpError.BLOCK);
        }
    }

    private static byte[] authorized(byte[] sessionId, byte[] corrId, EntityId entityId, byte[] command) {
        return new SmpWriter(command.length + 64)
                .writeShortBytes(sessionId)
                .writeShortBytes(corrId)
                .writeShortBytes(entityId.bytes())
                .writeRaw(command)
                .toByteArray();
    }

    private static byte[] encodeBlock(byte[] authorization, byte[] authorized) throws XftpException {
        int length = 1 + authorization.length + authorized.length;
        if (authorization.length > 255 || length > 0xFFFF) {
            throw new XftpException(XftpError.BLOCK);
        }
        byte[] content = new SmpWriter(length + 3)
                .writeByte(1)
                .writeWord16(length)
                .writeShortBytes(authorization)
                .writeRaw(authorized)
                .toByteArray();
        return XftpBlock.pad(content);
    }

    /** The batch must hold exactly one transmission and nothing after it ({@code parseAll}). */
    private static byte[] singleTransmission(byte[] content) throws XftpException {
        try {
            SmpReader reader = new SmpReader(content);
            if (reader.readByte() != 1) {
                throw new XftpException(XftpError.BLOCK);
            }
            byte[] transmission = reader.readLarge();
            reader.expectEnd();
            return transmission;
        } catch (DecodingException e) {
            throw new XftpException(XftpError.BLOCK);
        }
    }
}
