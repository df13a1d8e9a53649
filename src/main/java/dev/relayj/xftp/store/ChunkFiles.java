package dev.relayj.xftp.store;

import dev.relayj.store.Directories;
import dev.relayj.encoding.Base64Url;
import dev.relayj.protocol.EntityId;
import dev.relayj.store.EntityStatus;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Chunk bodies in the files directory. A chunk lives at {@code <dir>/<base64url(senderId)>}
 * (padded, as {@code receiveServerFile} in {@code FileTransfer/Server.hs} names it). Uploads are
 * received into {@code <name>.part} beside it (base64url names never contain a dot) and moved into
 * place only when size and SHA-256 digest match, so a failed upload leaves nothing behind.
 */
public final class ChunkFiles {
    private static final String PART_SUFFIX = ".part";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path directory;
    private final DirectorySync directorySync;

    /** Makes a rename into the directory durable; tests observe when it runs. */
    @FunctionalInterface
    interface DirectorySync {
        void sync(Path directory) throws IOException;
    }

    public ChunkFiles(Path directory) {
        this(directory, Directories::sync);
    }

    ChunkFiles(Path directory, DirectorySync directorySync) {
        this.directory = directory;
        this.directorySync = directorySync;
    }

    public Path directory() {
        return directory;
    }

    public Path pathFor(EntityId senderId) {
        return directory.resolve(Base64Url.encode(senderId.bytes()));
    }

    /**
     * Receives exactly {@code size} bytes whose SHA-256 is {@code digest} into a part file, then
     * renames it into place, durably (file and directory synced). Errors: {@code SIZE} for too few
     * or too many bytes, {@code DIGEST} for a wrong digest. Returns the final path.
     *
     * @throws UploadCutException when reading the body fails: the client reset the stream or left,
     *     or the upload deadline interrupted the read; not the disk's fault
     * @throws IOException when the disk fails
     */
    public Path receive(EntityId senderId, long size, byte[] digest, InputStream body)
            throws XftpException, UploadCutException, IOException {
        Path target = pathFor(senderId);
        Path part = target.resolveSibling(target.getFileName() + PART_SUFFIX);
        boolean done = false;
        try {
            MessageDigest sha256 = sha256();
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buffer = new byte[BUFFER_SIZE];
                long received = 0;
                while (true) {
                    int read = readBody(body, buffer, (int) Math.min(buffer.length, size - received + 1));
                    if (read < 0) {
                        break;
                    }
                    received += read;
                    if (received > size) {
                        throw new XftpException(XftpError.SIZE);
                    }
                    sha256.update(buffer, 0, read);
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
                if (received != size) {
                    throw new XftpException(XftpError.SIZE);
                }
                if (!MessageDigest.isEqual(sha256.digest(), digest)) {
                    throw new XftpException(XftpError.DIGEST);
                }
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            directorySync.sync(directory);
            done = true;
            return target;
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    // the start-up check removes leftover parts
                }
            }
        }
    }

    private static int readBody(InputStream body, byte[] buffer, int length) throws UploadCutException {
        try {
            return body.read(buffer, 0, length);
        } catch (IOException e) {
            throw new UploadCutException(e);
        }
    }

    /** Deletes a chunk body if present; tells whether there was one. */
    public boolean delete(String path) throws IOException {
        return Files.deleteIfExists(Path.of(path));
    }

    /**
     * Makes disk and store agree at start-up, after the log is replayed and before it is compacted:
     * removes unfinished uploads and files no record points to, and drops active records whose
     * uploaded body is gone (a blocked file has no body by design). Returns the bytes in use.
     */
    public long reconcile(FileStore store, Consumer<String> report) throws IOException {
        Files.createDirectories(directory);
        Set<Path> recorded = new HashSet<>();
        for (FileRec file : List.copyOf(store.files())) {
            String path = file.filePath();
            if (path == null) {
                continue;
            }
            Path body = Path.of(path).toAbsolutePath().normalize();
            if (Files.isRegularFile(body)) {
                recorded.add(body);
            } else if (file.status() instanceof EntityStatus.Active) {
                try {
                    store.deleteFile(file.senderId());
                    report.accept("removed file record " + file.senderId().toBase64() + ": its file " + path + " is missing");
                } catch (XftpException e) {
                    // already gone
                }
            }
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path absolute = entry.toAbsolutePath().normalize();
                if (!Files.isRegularFile(absolute) || recorded.contains(absolute)) {
                    continue;
                }
                Files.delete(absolute);
                String name = entry.getFileName().toString();
                report.accept(name.endsWith(PART_SUFFIX)
                        ? "removed unfinished upload " + entry
                        : "removed file without record " + entry);
            }
        }
        return store.usedStorage();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
