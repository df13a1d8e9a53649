package dev.relayj.xftp.server;

import static dev.relayj.stats.XftpCounter.*;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.SecretBoxStream;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.CommandAuthorization;
import dev.relayj.protocol.EntityId;
import dev.relayj.stats.Counter;
import dev.relayj.stats.XftpServerStats;
import dev.relayj.store.EntityStatus;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.xftp.protocol.FileInfo;
import dev.relayj.xftp.protocol.FileParty;
import dev.relayj.xftp.protocol.FileResponse;
import dev.relayj.xftp.protocol.ServerTransmission;
import dev.relayj.xftp.protocol.XftpChunkSizes;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import dev.relayj.xftp.store.ChunkFiles;
import dev.relayj.xftp.store.FileRec;
import dev.relayj.xftp.store.FileRecipient;
import dev.relayj.xftp.store.FileStore;
import dev.relayj.xftp.store.FileStoreLog;
import dev.relayj.xftp.store.FileStoreLogRecord;
import dev.relayj.xftp.store.StorageQuota;
import dev.relayj.xftp.store.UploadCutException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The file relay behind the transport: verifies commands and runs them against the store, the
 * store log, the chunk files, the quota and the stats ({@code verifyXFTPTransmission},
 * {@code processXFTPRequest}, {@code deleteServerFile_}, {@code blockServerFile} and
 * {@code expireServerFiles} of {@code FileTransfer/Server.hs}). Stats change exactly where the
 * reference changes them; every store log record is appended before the answer that depends on it.
 */
final class FileService {
    /** Attempts to find an unused random id ({@code addFileRetry st file 3}). */
    private static final int ID_ATTEMPTS = 3;
    /** Files per expiry batch ({@code expiredFiles st old 10000}). */
    private static final int EXPIRY_BATCH = 10000;
    private static final int COPY_BUFFER = 64 * 1024;

    private final XftpServerConfig config;
    private final FileStore store;
    private final Optional<FileStoreLog> storeLog;
    private final ChunkFiles chunks;
    private final StorageQuota quota;
    private final XftpServerStats stats;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration uploadTimeout;
    private final System.Logger log;
    /** Files whose upload is being received; a second upload of one of them would write the same part file. */
    private final Set<EntityId> uploading = ConcurrentHashMap.newKeySet();

    /** The answer to a command, and for {@code FGET} the file to stream encrypted after it. */
    record Outcome(FileResponse response, ServedFile file) {
        static Outcome of(FileResponse response) {
            return new Outcome(response, null);
        }

        static Outcome error(XftpError error) {
            return of(new FileResponse.Err(error));
        }
    }

    /** A chunk to send after the FILE response, encrypted as it is read ({@code ServerFile}). */
    record ServedFile(Path path, long size, SecretBoxStream box) {}

    FileService(XftpServerConfig config, FileStore store, Optional<FileStoreLog> storeLog, ChunkFiles chunks,
            StorageQuota quota, XftpServerStats stats, Clock clock, SecureRandom random, Duration uploadTimeout,
            System.Logger log) {
        this.config = config;
        this.store = store;
        this.storeLog = storeLog;
        this.chunks = chunks;
        this.quota = quota;
        this.stats = stats;
        this.clock = clock;
        this.random = random;
        this.uploadTimeout = uploadTimeout;
        this.log = log;
    }

    StorageQuota quota() {
        return quota;
    }

    /** Verifies and runs one command ({@code verifyXFTPTransmission} then {@code processXFTPRequest}). */
    Outcome process(ServerTransmission.Command t, X25519PrivateKey sessionKey, RequestBody body) throws IOException {
        FileCommand command = t.command();
        if (command instanceof FileCommand.Ping) {
            return Outcome.of(new FileResponse.Pong());
        }
        if (command instanceof FileCommand.Fnew fnew) {
            if (!CommandAuthorization.verify(sessionKey, t.auth(), t.authorized(), t.corrId(), fnew.file().senderKey())) {
                return Outcome.error(XftpError.AUTH);
            }
            return Outcome.of(createFile(fnew));
        }
        FileStore.FileAccess access;
        try {
            access = store.getFile(command.party(), t.entityId());
        } catch (XftpException e) {
            CommandAuthorization.dummyVerify(sessionKey, t.auth(), t.authorized(), t.corrId());
            return Outcome.error(XftpError.AUTH);
        }
        FileRec file = access.file();
        switch (file.status()) {
            case EntityStatus.Blocked blocked -> {
                return Outcome.error(new XftpError.Blocked(blocked.info()));
            }
            case EntityStatus.Off off -> {
                CommandAuthorization.dummyVerify(sessionKey, t.auth(), t.authorized(), t.corrId());
                return Outcome.error(XftpError.AUTH);
            }
            case EntityStatus.Active active -> {
                if (!CommandAuthorization.verify(sessionKey, t.auth(), t.authorized(), t.corrId(), access.key())) {
                    return Outcome.error(XftpError.AUTH);
                }
            }
        }
        return switch (command) {
            case FileCommand.Fadd c -> Outcome.of(addRecipients(file.senderId(), c.recipientKeys()));
            case FileCommand.Fput c -> Outcome.of(receiveFile(file, body));
            case FileCommand.Fdel c -> Outcome.of(deleteFile(file)
                    .<FileResponse>map(FileResponse.Err::new).orElseGet(FileResponse.Ok::new));
            case FileCommand.Fget c -> sendFile(file, c.recipientDhKey());
            case FileCommand.Fack c -> Outcome.of(ackFile(t.entityId(), file));
            // answered above; as the reference's INTERNAL for commands that cannot get here
            case FileCommand.Fnew c -> Outcome.error(XftpError.INTERNAL);
            case FileCommand.Ping c -> Outcome.error(XftpError.INTERNAL);
        };
    }

    private FileResponse createFile(FileCommand.Fnew fnew) throws IOException {
        XftpServerConfig.Auth auth = config.auth();
        boolean allowed = auth.allowNewFiles() && auth.createPassword()
                .map(p -> fnew.basicAuth() != null && fnew.basicAuth().text().equals(p)).orElse(true);
        if (!allowed) {
            return new FileResponse.Err(XftpError.AUTH);
        }
        FileInfo info = fnew.file();
        if (!XftpChunkSizes.isAllowed(info.size(), XftpChunkSizes.SERVER_CHUNK_SIZES)) {
            return new FileResponse.Err(XftpError.SIZE);
        }
        long createdAt = FileStore.fileTime(clock);
        EntityId senderId = null;
        for (int i = 0; i < ID_ATTEMPTS && senderId == null; i++) {
            EntityId id = newId();
            try {
                store.addFile(id, info, createdAt, EntityStatus.ACTIVE);
                senderId = id;
            } catch (XftpException e) {
                if (e.error() != XftpError.DUPLICATE) {
                    return new FileResponse.Err(e.error());
                }
            }
        }
        if (senderId == null) {
            return new FileResponse.Err(XftpError.INTERNAL);
        }
        List<FileRecipient> recipients;
        try {
            recipients = addRecipientsToStore(senderId, fnew.recipientKeys());
        } catch (XftpException e) {
            return new FileResponse.Err(e.error());
        }
        appendLog(new FileStoreLogRecord.AddFile(senderId, info, createdAt, EntityStatus.ACTIVE));
        appendLog(new FileStoreLogRecord.AddRecipients(senderId, recipients));
        stats.counter(FILES_CREATED).increment();
        stats.counter(FILE_RECIPIENTS).add(recipients.size());
        return new FileResponse.Sids(senderId, recipients.stream().map(FileRecipient::recipientId).toList());
    }

    private FileResponse addRecipients(EntityId senderId, List<AuthPublicKey> keys) throws IOException {
        List<FileRecipient> recipients;
        try {
            recipients = addRecipientsToStore(senderId, keys);
        } catch (XftpException e) {
            return new FileResponse.Err(e.error());
        }
        appendLog(new FileStoreLogRecord.AddRecipients(senderId, recipients));
        stats.counter(FILE_RECIPIENTS).add(recipients.size());
        return new FileResponse.Rids(recipients.stream().map(FileRecipient::recipientId).toList());
    }

    private List<FileRecipient> addRecipientsToStore(EntityId senderId, List<AuthPublicKey> keys) throws XftpException {
        List<FileRecipient> added = new ArrayList<>(keys.size());
        for (AuthPublicKey key : keys) {
            FileRecipient recipient = null;
            for (int i = 0; i < ID_ATTEMPTS && recipient == null; i++) {
                FileRecipient candidate = new FileRecipient(newId(), key);
                try {
                    store.addRecipient(senderId, candidate);
                    recipient = candidate;
                } catch (XftpException e) {
                    if (e.error() != XftpError.DUPLICATE) {
                        throw e;
                    }
                }
            }
            if (recipient == null) {
                throw new XftpException(XftpError.INTERNAL);
            }
            added.add(recipient);
        }
        return added;
    }

    /**
     * {@code receiveServerFile}: a file already uploaded is not changed, its body is drained and
     * the answer is OK if it has the file's size (the client must be able to retry after a lost
     * answer); otherwise the size is reserved against the quota, the body received within the
     * upload timeout and checked, and the path recorded.
     *
     * <p>One upload of a file runs at a time, and nothing is held while it receives: a file being
     * received is marked in progress, and a second FPUT of it meanwhile is refused at once with
     * {@code FILE_IO}, the answer the reference gives it (its {@code withFile} on the same path
     * fails: GHC allows one writer per file, and {@code receiveFile} turns that into
     * {@code FILE_IO}); unlike the reference, the refused attempt leaves the first one's file alone.
     * A retry after the first attempt ended finds the file uploaded or uploads it. Uploads of
     * different files never wait for each other, and the deadline starts when the upload does.
     */
    private FileResponse receiveFile(FileRec file, RequestBody body) throws IOException {
        InputStream rest = body.rest();
        if (rest == null) {
            return new FileResponse.Err(XftpError.SIZE);
        }
        boolean receiving = file.filePath() == null;
        if (receiving && !uploading.add(file.senderId())) {
            log.log(Level.WARNING, "upload of file " + file.senderId().toBase64()
                    + " refused: another upload of it is in progress");
            return new FileResponse.Err(XftpError.FILE_IO);
        }
        try (UploadDeadline deadline = new UploadDeadline(uploadTimeout)) {
            return receiveAlone(file, rest, deadline);
        } finally {
            if (receiving) {
                uploading.remove(file.senderId());
            }
        }
    }

    private FileResponse receiveAlone(FileRec file, InputStream rest, UploadDeadline deadline) throws IOException {
        long size = file.fileInfo().size();
        if (file.filePath() != null) {
            return drain(rest, size);
        }
        if (!quota.tryReserve(size)) {
            return new FileResponse.Err(XftpError.QUOTA);
        }
        Path path;
        try {
            path = chunks.receive(file.senderId(), size, file.fileInfo().digest(), rest);
        } catch (XftpException e) {
            quota.release(size);
            return new FileResponse.Err(deadline.expired() ? XftpError.TIMEOUT : e.error());
        } catch (UploadCutException e) {
            quota.release(size);
            log.log(Level.INFO, deadline.expired()
                    ? "upload of file " + file.senderId().toBase64() + " timed out after " + uploadTimeout.toSeconds() + " s"
                    : "upload of file " + file.senderId().toBase64() + " cut by the client: " + e.getMessage());
            return new FileResponse.Err(XftpError.TIMEOUT);
        } catch (IOException e) {
            quota.release(size);
            if (deadline.expired()) {
                return new FileResponse.Err(XftpError.TIMEOUT);
            }
            log.log(Level.ERROR, "receiveFile error: file " + file.senderId().toBase64() + ": " + e);
            return new FileResponse.Err(XftpError.FILE_IO);
        }
        try {
            store.setFilePath(file.senderId(), path.toString());
        } catch (XftpException e) {
            quota.release(size);
            deleteQuietly(path);
            return new FileResponse.Err(XftpError.AUTH);
        }
        appendLog(new FileStoreLogRecord.PutFile(file.senderId(), path.toString()));
        stats.counter(FILES_UPLOADED).increment();
        stats.counter(FILES_COUNT).increment();
        stats.counter(FILES_SIZE).add(size);
        return new FileResponse.Ok();
    }

    private static FileResponse drain(InputStream rest, long size) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long remaining = size;
        while (true) {
            int read = rest.read(buffer);
            if (read <= 0 || read > remaining) {
                return new FileResponse.Err(XftpError.SIZE);
            }
            remaining -= read;
            if (remaining == 0) {
                return new FileResponse.Ok();
            }
        }
    }

    /**
     * {@code sendServerFile}: a fresh server DH key and nonce for each download; the chunk is
     * encrypted under their secret with the recipient's key while it is streamed.
     */
    private Outcome sendFile(FileRec file, X25519PublicKey recipientKey) {
        String path = file.filePath();
        if (path == null) {
            return Outcome.error(XftpError.NO_FILE);
        }
        if (!Files.isRegularFile(Path.of(path))) {
            return Outcome.error(XftpError.AUTH);
        }
        X25519PrivateKey serverKey = X25519PrivateKey.generate(random);
        X25519Secret secret = serverKey.dh(recipientKey);
        CbNonce nonce = CbNonce.random(random);
        SecretBoxStream box;
        try {
            box = SecretBoxStream.init(secret, nonce);
        } finally {
            secret.destroy();
            serverKey.destroy();
        }
        stats.counter(FILE_DOWNLOADS).increment();
        stats.filesDownloaded.update(file.senderId().bytes());
        return new Outcome(new FileResponse.File(serverKey.publicKey(), nonce.bytes()),
                new ServedFile(Path.of(path), file.fileInfo().size(), box));
    }

    private FileResponse ackFile(EntityId recipientId, FileRec file) throws IOException {
        appendLog(new FileStoreLogRecord.AckFile(recipientId));
        store.deleteRecipient(recipientId, file);
        stats.counter(FILE_DOWNLOAD_ACKS).increment();
        return new FileResponse.Ok();
    }

    /** {@code deleteServerFile_}: the error, if any. Used by FDEL and the control port. */
    Optional<XftpError> deleteFile(FileRec file) throws IOException {
        appendLog(new FileStoreLogRecord.DeleteFile(file.senderId()));
        return deleteOrBlock(file, stats.counter(FILES_DELETED), () -> store.deleteFile(file.senderId()));
    }

    /** {@code blockServerFile}: removes the body and marks the file blocked; not counted as deleted. */
    Optional<XftpError> blockFile(FileRec file, BlockingInfo info) throws IOException {
        appendLog(new FileStoreLogRecord.BlockFile(file.senderId(), info));
        return deleteOrBlock(file, stats.counter(FILES_BLOCKED), () -> store.blockFile(file.senderId(), info));
    }

    /** Looks a file up by sender or recipient id, for the control port; {@code AUTH} when unknown. */
    /** The file one of whose recipients has this id ({@code getFile fs SFRecipient}). */
    FileRec findRecipientFile(EntityId recipientId) throws XftpException {
        return store.getFile(FileParty.RECIPIENT, recipientId).file();
    }

    FileRec findFile(EntityId id) throws XftpException {
        try {
            return store.getFile(FileParty.SENDER, id).file();
        } catch (XftpException e) {
            return store.getFile(FileParty.RECIPIENT, id).file();
        }
    }

    @FunctionalInterface
    private interface StoreAction {
        void run() throws XftpException;
    }

    private Optional<XftpError> deleteOrBlock(FileRec file, Counter stat, StoreAction action) {
        String path = file.filePath();
        long size = file.fileInfo().size();
        if (path != null) {
            try {
                if (chunks.delete(path)) {
                    stats.counter(FILES_COUNT).add(-1);
                    stats.counter(FILES_SIZE).add(-size);
                }
            } catch (IOException e) {
                return Optional.of(XftpError.FILE_IO);
            }
        }
        try {
            action.run();
        } catch (XftpException e) {
            return Optional.of(e.error());
        }
        if (path != null) {
            quota.release(size);
        }
        stat.increment();
        return Optional.empty();
    }

    /**
     * {@code expireServerFiles}: removes files created more than the TTL ago, their bodies and
     * records, in batches; pauses {@code itemDelay} per file when run on schedule so a large
     * expiry does not compete with clients. Counts {@code filesExpired} only, as the reference.
     */
    /**
     * Removes the files older than {@code ttl}, pausing {@code itemDelay} between files. When
     * {@code stopping} turns true the pass ends after the current file, with every removed file
     * already in the store log, so a stop never waits for a long pass nor leaves it half logged.
     */
    void expireFiles(Duration ttl, Duration itemDelay, BooleanSupplier stopping) throws IOException, InterruptedException {
        long usedStart = quota.used();
        long old = Math.floorDiv(clock.millis(), 1000L) - ttl.toSeconds();
        log.log(Level.INFO, "Expiration check: " + store.fileCount() + " files");
        while (!stopping.getAsBoolean()) {
            List<FileStore.ExpiredFile> expired = store.expiredFiles(old, EXPIRY_BATCH);
            if (expired.isEmpty()) {
                break;
            }
            List<FileStore.ExpiredFile> removed = new ArrayList<>();
            for (FileStore.ExpiredFile file : expired) {
                if (stopping.getAsBoolean()) {
                    break;
                }
                if (!itemDelay.isZero()) {
                    Thread.sleep(itemDelay);
                }
                if (file.filePath() != null) {
                    try {
                        chunks.delete(file.filePath());
                    } catch (IOException e) {
                        log.log(Level.ERROR, "failed to remove expired file " + file.filePath() + ": " + e.getMessage());
                    }
                    quota.release(file.size());
                }
                stats.counter(FILES_EXPIRED).increment();
                removed.add(file);
            }
            for (FileStore.ExpiredFile file : removed) {
                appendLog(new FileStoreLogRecord.DeleteFile(file.senderId()));
                try {
                    store.deleteFile(file.senderId());
                } catch (XftpException e) {
                    // deleted by a client meanwhile
                }
            }
        }
        long usedEnd = quota.used();
        log.log(Level.INFO, "Used " + mb(usedStart) + " -> " + mb(usedEnd) + ", " + mb(usedStart - usedEnd) + " reclaimed.");
    }

    private static String mb(long bytes) {
        return (bytes / 1048576) + "mb";
    }

    private void appendLog(FileStoreLogRecord record) throws IOException {
        if (storeLog.isPresent()) {
            storeLog.get().append(record);
        }
    }

    private EntityId newId() {
        byte[] id = new byte[XftpServerConfig.FILE_ID_SIZE];
        random.nextBytes(id);
        return new EntityId(id);
    }

    private void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.log(Level.ERROR, "Error deleting file: " + e.getMessage());
        }
    }
}
