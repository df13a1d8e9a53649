package dev.relayj.xftp.protocol;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.EntityId;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A client command ({@code FileCommand} / {@code FileCmd} in {@code FileTransfer/Protocol.hs}).
 * The encoding is the tag, then for commands with arguments a space and the binary arguments:
 * <pre>
 * FNEW ' ' fileInfo rcvKeys(count, keys) basicAuth('0' | '1' shortBytes)
 * FADD ' ' rcvKeys
 * FGET ' ' rcvDhKey
 * FPUT | FDEL | FACK | PING
 * </pre>
 */
public sealed interface FileCommand {

    /** Register a new chunk; sent without entity id, signed with the new sender key. */
    record Fnew(FileInfo file, List<AuthPublicKey> recipientKeys, BasicAuth basicAuth) implements FileCommand {
        public Fnew {
            recipientKeys = checkedKeys(recipientKeys);
        }

        @Override
        public FileParty party() {
            return FileParty.SENDER;
        }

        @Override
        public String tag() {
            return "FNEW";
        }
    }

    /** Add recipients to a chunk. */
    record Fadd(List<AuthPublicKey> recipientKeys) implements FileCommand {
        public Fadd {
            recipientKeys = checkedKeys(recipientKeys);
        }

        @Override
        public FileParty party() {
            return FileParty.SENDER;
        }

        @Override
        public String tag() {
            return "FADD";
        }
    }

    /** Upload the chunk body, which follows the block in the request. */
    record Fput() implements FileCommand {
        @Override
        public FileParty party() {
            return FileParty.SENDER;
        }

        @Override
        public String tag() {
            return "FPUT";
        }
    }

    /** Delete the chunk and all its recipients. */
    record Fdel() implements FileCommand {
        @Override
        public FileParty party() {
            return FileParty.SENDER;
        }

        @Override
        public String tag() {
            return "FDEL";
        }
    }

    /** Download the chunk, encrypted with a secret agreed from this key and the server's. */
    record Fget(X25519PublicKey recipientDhKey) implements FileCommand {
        @Override
        public FileParty party() {
            return FileParty.RECIPIENT;
        }

        @Override
        public String tag() {
            return "FGET";
        }
    }

    /** Acknowledge the download, removing this recipient. */
    record Fack() implements FileCommand {
        @Override
        public FileParty party() {
            return FileParty.RECIPIENT;
        }

        @Override
        public String tag() {
            return "FACK";
        }
    }

    /** Keep-alive; sent without authorization and entity id. The reference counts it a recipient command. */
    record Ping() implements FileCommand {
        @Override
        public FileParty party() {
            return FileParty.RECIPIENT;
        }

        @Override
        public String tag() {
            return "PING";
        }
    }

    FileParty party();

    String tag();

    default byte[] encode() {
        SmpWriter writer = new SmpWriter();
        writer.writeAscii(tag());
        switch (this) {
            case Fnew c -> {
                writer.writeChar(' ');
                c.file().writeTo(writer);
                writer.writeList(c.recipientKeys(), (w, k) -> k.writeTo(w));
                writer.writeMaybe(c.basicAuth(), (w, a) -> a.writeTo(w));
            }
            case Fadd c -> {
                writer.writeChar(' ');
                writer.writeList(c.recipientKeys(), (w, k) -> k.writeTo(w));
            }
            case Fget c -> {
                writer.writeChar(' ');
                c.recipientDhKey().writeTo(writer);
            }
            case Fput c -> { }
            case Fdel c -> { }
            case Fack c -> { }
            case Ping c -> { }
        }
        return writer.toByteArray();
    }

    /**
     * Parses a command as {@code parseProtocol} does: the tag runs to the first space; an unknown
     * tag is {@code CMD UNKNOWN}; arguments that do not parse, or bytes left over, {@code CMD SYNTAX}.
     */
    static FileCommand parse(byte[] command) throws XftpException {
        int space = indexOfSpace(command);
        String tag = new String(command, 0, space, StandardCharsets.ISO_8859_1);
        SmpReader params = new SmpReader(command, space, command.length - space);
        try {
            FileCommand result = switch (tag) {
                case "FNEW" -> {
                    params.expectChar(' ');
                    FileInfo file = FileInfo.readFrom(params);
                    List<AuthPublicKey> keys = params.readNonEmptyList(PublicKey::readAuthKey);
                    BasicAuth auth = params.readMaybe(BasicAuth::readFrom);
                    yield new Fnew(file, keys, auth);
                }
                case "FADD" -> {
                    params.expectChar(' ');
                    yield new Fadd(params.readNonEmptyList(PublicKey::readAuthKey));
                }
                case "FGET" -> {
                    params.expectChar(' ');
                    yield new Fget(PublicKey.readX25519Key(params));
                }
                case "FPUT" -> new Fput();
                case "FDEL" -> new Fdel();
                case "FACK" -> new Fack();
                case "PING" -> new Ping();
                default -> throw new XftpException(XftpError.cmd(CommandError.UNKNOWN));
            };
            params.expectEnd();
            return result;
        } catch (DecodingException e) {
            throw new XftpException(XftpError.cmd(CommandError.SYNTAX));
        }
    }

    /**
     * Whether the transmission carries the credentials this command needs ({@code checkCredentials}):
     * FNEW must be authorized and name no entity; PING must have neither; all others need both.
     * Returns null when they are right, else the error to answer.
     */
    default XftpError checkCredentials(boolean authorized, EntityId entityId) {
        return switch (this) {
            case Fnew c -> !authorized
                    ? XftpError.cmd(CommandError.NO_AUTH)
                    : !entityId.isEmpty() ? XftpError.cmd(CommandError.HAS_AUTH) : null;
            case Ping c -> !authorized && entityId.isEmpty() ? null : XftpError.cmd(CommandError.HAS_AUTH);
            default -> !authorized || entityId.isEmpty() ? XftpError.cmd(CommandError.NO_AUTH) : null;
        };
    }

    private static int indexOfSpace(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == ' ') {
                return i;
            }
        }
        return bytes.length;
    }

    private static List<AuthPublicKey> checkedKeys(List<AuthPublicKey> keys) {
        if (keys.isEmpty() || keys.size() > 255) {
            throw new IllegalArgumentException("1 to 255 recipient keys required, got " + keys.size());
        }
        return List.copyOf(keys);
    }
}
