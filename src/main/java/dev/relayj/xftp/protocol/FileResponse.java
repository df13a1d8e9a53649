package dev.relayj.xftp.protocol;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.EntityId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A server response ({@code FileResponse} in {@code FileTransfer/Protocol.hs}):
 * <pre>
 * SIDS ' ' senderId recipientIds(count, ids)
 * RIDS ' ' recipientIds
 * FILE ' ' serverDhKey nonce(24 bytes)
 * OK | PONG
 * ERR ' ' error
 * </pre>
 */
public sealed interface FileResponse {

    int NONCE_SIZE = 24;

    record Sids(EntityId senderId, List<EntityId> recipientIds) implements FileResponse {
        public Sids {
            recipientIds = checkedIds(recipientIds);
        }
    }

    record Rids(List<EntityId> recipientIds) implements FileResponse {
        public Rids {
            recipientIds = checkedIds(recipientIds);
        }
    }

    record File(X25519PublicKey serverDhKey, byte[] nonce) implements FileResponse {
        public File {
            if (nonce.length != NONCE_SIZE) {
                throw new IllegalArgumentException("nonce must be 24 bytes");
            }
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof File f && serverDhKey.equals(f.serverDhKey) && Arrays.equals(nonce, f.nonce);
        }

        @Override
        public int hashCode() {
            return 31 * serverDhKey.hashCode() + Arrays.hashCode(nonce);
        }

        @Override
        public String toString() {
            return "File[" + serverDhKey + "]";
        }
    }

    record Ok() implements FileResponse {}

    record Err(XftpError error) implements FileResponse {}

    record Pong() implements FileResponse {}

    /**
     * Encodes for the agreed version: before {@link XftpVersions#BLOCKED_FILES_XFTP_VERSION}
     * {@code ERR BLOCKED} is sent as {@code ERR AUTH}, which older clients understand.
     */
    default byte[] encode(int version) {
        SmpWriter writer = new SmpWriter();
        switch (this) {
            case Sids r -> {
                writer.writeAscii("SIDS ");
                writer.writeShortBytes(r.senderId().bytes());
                writer.writeList(r.recipientIds(), (w, id) -> w.writeShortBytes(id.bytes()));
            }
            case Rids r -> {
                writer.writeAscii("RIDS ");
                writer.writeList(r.recipientIds(), (w, id) -> w.writeShortBytes(id.bytes()));
            }
            case File r -> {
                writer.writeAscii("FILE ");
                r.serverDhKey().writeTo(writer);
                writer.writeRaw(r.nonce());
            }
            case Ok r -> writer.writeAscii("OK");
            case Err r -> {
                XftpError error = r.error() instanceof XftpError.Blocked
                        && version < XftpVersions.BLOCKED_FILES_XFTP_VERSION ? XftpError.AUTH : r.error();
                writer.writeAscii("ERR ");
                writer.writeRaw(error.encodeBytes());
            }
            case Pong r -> writer.writeAscii("PONG");
        }
        return writer.toByteArray();
    }

    /** Parses a response; unknown tags give {@code CMD UNKNOWN}, bad arguments {@code CMD SYNTAX}. */
    static FileResponse parse(byte[] response) throws XftpException {
        int space = 0;
        while (space < response.length && response[space] != ' ') {
            space++;
        }
        String tag = new String(response, 0, space, StandardCharsets.ISO_8859_1);
        SmpReader params = new SmpReader(response, space, response.length - space);
        try {
            FileResponse result = switch (tag) {
                case "SIDS" -> {
                    params.expectChar(' ');
                    EntityId senderId = new EntityId(params.readShortBytes());
                    yield new Sids(senderId, params.readNonEmptyList(r -> new EntityId(r.readShortBytes())));
                }
                case "RIDS" -> {
                    params.expectChar(' ');
                    yield new Rids(params.readNonEmptyList(r -> new EntityId(r.readShortBytes())));
                }
                case "FILE" -> {
                    params.expectChar(' ');
                    X25519PublicKey key = PublicKey.readX25519Key(params);
                    yield new File(key, params.take(NONCE_SIZE));
                }
                case "OK" -> new Ok();
                case "PONG" -> new Pong();
                case "ERR" -> {
                    params.expectChar(' ');
                    yield new Err(XftpError.parse(params.readTail()));
                }
                default -> throw new XftpException(XftpError.cmd(CommandError.UNKNOWN));
            };
            params.expectEnd();
            return result;
        } catch (DecodingException e) {
            throw new XftpException(XftpError.cmd(CommandError.SYNTAX));
        }
    }

    /**
     * The client-side credential check ({@code checkCredentials} of {@code FileResponse}): SIDS and
     * PONG come without entity id, ERR with or without, the rest with one. Null when right.
     */
    default XftpError checkCredentials(EntityId entityId) {
        return switch (this) {
            case Sids r -> entityId.isEmpty() ? null : XftpError.cmd(CommandError.HAS_AUTH);
            case Pong r -> entityId.isEmpty() ? null : XftpError.cmd(CommandError.HAS_AUTH);
            case Err r -> null;
            default -> entityId.isEmpty() ? XftpError.cmd(CommandError.NO_ENTITY) : null;
        };
    }

    private static List<EntityId> checkedIds(List<EntityId> ids) {
        if (ids.isEmpty() || ids.size() > 255) {
            throw new IllegalArgumentException("1 to 255 recipient ids required, got " + ids.size());
        }
        return List.copyOf(ids);
    }
}
