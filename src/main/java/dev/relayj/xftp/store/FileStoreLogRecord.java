package dev.relayj.xftp.store;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.EntityId;
import dev.relayj.store.EntityStatus;
import dev.relayj.xftp.protocol.FileInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code file-server-store.log} ({@code FileStoreLogRecord} in
 * {@code FileTransfer/Server/StoreLog.hs}), fields separated by single spaces:
 * <pre>
 * FNEW sId sndKey size digest createdAt [status]   ; status absent in old logs means active
 * FPUT sId base64url(path)
 * FADD sId rId:rKey[,rId:rKey...]
 * FDEL sId
 * FBLK sId blockingInfo
 * FACK rId
 * </pre>
 */
public sealed interface FileStoreLogRecord {

    record AddFile(EntityId senderId, FileInfo fileInfo, long createdAt, EntityStatus status) implements FileStoreLogRecord {}

    record PutFile(EntityId senderId, String filePath) implements FileStoreLogRecord {}

    record AddRecipients(EntityId senderId, List<FileRecipient> recipients) implements FileStoreLogRecord {
        public AddRecipients {
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("at least one recipient");
            }
            recipients = List.copyOf(recipients);
        }
    }

    record DeleteFile(EntityId senderId) implements FileStoreLogRecord {}

    record BlockFile(EntityId senderId, BlockingInfo info) implements FileStoreLogRecord {}

    record AckFile(EntityId recipientId) implements FileStoreLogRecord {}

    /** The line without its newline. */
    default String encode() {
        return switch (this) {
            case AddFile r -> "FNEW " + r.senderId().toBase64() + " " + StoreText.encodeKey(r.fileInfo().senderKey())
                    + " " + r.fileInfo().size() + " " + Base64Url.encode(r.fileInfo().digest()) + " " + r.createdAt()
                    + " " + r.status().encode();
            case PutFile r -> "FPUT " + r.senderId().toBase64() + " " + StoreText.encodePath(r.filePath());
            case AddRecipients r -> {
                List<String> items = new ArrayList<>();
                for (FileRecipient recipient : r.recipients()) {
                    items.add(recipient.encode());
                }
                yield "FADD " + r.senderId().toBase64() + " " + String.join(",", items);
            }
            case DeleteFile r -> "FDEL " + r.senderId().toBase64();
            case BlockFile r -> "FBLK " + r.senderId().toBase64() + " " + r.info().toText();
            case AckFile r -> "FACK " + r.recipientId().toBase64();
        };
    }

    static FileStoreLogRecord parse(String line) throws DecodingException {
        if (line.length() < 5 || line.charAt(4) != ' ') {
            throw new DecodingException("unknown record");
        }
        String tag = line.substring(0, 4);
        String rest = line.substring(5);
        return switch (tag) {
            case "FNEW" -> {
                String[] fields = rest.split(" ", 6);
                if (fields.length < 5) {
                    throw new DecodingException("FNEW needs sender id, key, size, digest and time");
                }
                byte[] digest = StoreText.base64(fields[3]);
                if (digest.length > 255) {
                    throw new DecodingException("digest longer than 255 bytes");
                }
                FileInfo info = new FileInfo(StoreText.parseKey(fields[1]), StoreText.parseWord32(fields[2]), digest);
                EntityStatus status = fields.length == 6 ? EntityStatus.parse(fields[5]) : EntityStatus.ACTIVE;
                yield new AddFile(StoreText.parseId(fields[0]), info, StoreText.parseInt64(fields[4]), status);
            }
            case "FPUT" -> {
                String[] fields = exactly(rest, 2);
                yield new PutFile(StoreText.parseId(fields[0]), StoreText.parsePath(fields[1]));
            }
            case "FADD" -> {
                String[] fields = exactly(rest, 2);
                List<FileRecipient> recipients = new ArrayList<>();
                for (String item : fields[1].split(",", -1)) {
                    int colon = item.indexOf(':');
                    if (colon < 0) {
                        throw new DecodingException("recipient must be id:key");
                    }
                    recipients.add(new FileRecipient(
                            StoreText.parseId(item.substring(0, colon)), StoreText.parseKey(item.substring(colon + 1))));
                }
                yield new AddRecipients(StoreText.parseId(fields[0]), recipients);
            }
            case "FDEL" -> new DeleteFile(StoreText.parseId(exactly(rest, 1)[0]));
            case "FBLK" -> {
                int space = rest.indexOf(' ');
                if (space < 0) {
                    throw new DecodingException("FBLK needs sender id and blocking info");
                }
                yield new BlockFile(StoreText.parseId(rest.substring(0, space)),
                        BlockingInfo.fromText(rest.substring(space + 1)));
            }
            case "FACK" -> new AckFile(StoreText.parseId(exactly(rest, 1)[0]));
            default -> throw new DecodingException("unknown record " + tag);
        };
    }

    private static String[] exactly(String text, int count) throws DecodingException {
        String[] fields = text.split(" ", -1);
        if (fields.length != count) {
            throw new DecodingException("expected " + count + " fields");
        }
        return fields;
    }
}
