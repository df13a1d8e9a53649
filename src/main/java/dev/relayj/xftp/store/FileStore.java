package dev.relayj.xftp.store;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.EntityId;
import dev.relayj.store.EntityStatus;
import dev.relayj.xftp.protocol.FileInfo;
import dev.relayj.xftp.protocol.FileParty;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory file store ({@code STMFileStore} in {@code FileTransfer/Server/Store.hs}): files by
 * sender id, and recipient id to (sender id, recipient key). Reads need no lock; every change runs
 * under one lock, because most of them touch both maps (the reference runs each in one STM
 * transaction). Errors are those of the reference: {@code AUTH} for an unknown id,
 * {@code DUPLICATE_} for an id collision.
 */
public final class FileStore {
    /** Creation times are rounded to this many seconds ({@code fileTimePrecision}). */
    public static final long FILE_TIME_PRECISION = 3600;

    private final ConcurrentHashMap<EntityId, FileRec> files = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EntityId, RecipientEntry> recipients = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** A recipient's file and key. */
    public record RecipientEntry(EntityId senderId, AuthPublicKey key) {}

    /** A file found for a command, with the key that must have authorized it. */
    public record FileAccess(FileRec file, AuthPublicKey key) {}

    /** A file past its time: what the server must remove from disk and account for. */
    public record ExpiredFile(EntityId senderId, String filePath, long size) {}

    /** The current time as a file creation time ({@code getRoundedSystemTime}). */
    public static long fileTime(Clock clock) {
        long seconds = Math.floorDiv(clock.millis(), 1000L);
        return Math.floorDiv(seconds, FILE_TIME_PRECISION) * FILE_TIME_PRECISION;
    }

    public void addFile(EntityId senderId, FileInfo fileInfo, long createdAt, EntityStatus status) throws XftpException {
        lock.lock();
        try {
            if (files.containsKey(senderId)) {
                throw new XftpException(XftpError.DUPLICATE);
            }
            files.put(senderId, new FileRec(senderId, fileInfo, createdAt, status));
        } finally {
            lock.unlock();
        }
    }

    /** Records the uploaded body; {@code AUTH} if the file is unknown, already has one, or is not active. */
    public void setFilePath(EntityId senderId, String path) throws XftpException {
        lock.lock();
        try {
            FileRec file = existing(senderId);
            if (file.filePath() != null || !(file.status() instanceof EntityStatus.Active)) {
                throw new XftpException(XftpError.AUTH);
            }
            file.setFilePath(path);
        } finally {
            lock.unlock();
        }
    }

    public void addRecipient(EntityId senderId, FileRecipient recipient) throws XftpException {
        lock.lock();
        try {
            FileRec file = existing(senderId);
            EntityId recipientId = recipient.recipientId();
            if (file.mutableRecipientIds().contains(recipientId) || recipients.containsKey(recipientId)) {
                throw new XftpException(XftpError.DUPLICATE);
            }
            file.mutableRecipientIds().add(recipientId);
            recipients.put(recipientId, new RecipientEntry(senderId, recipient.key()));
        } finally {
            lock.unlock();
        }
    }

    /** Removes a file and all its recipients; returns the removed record. */
    public FileRec deleteFile(EntityId senderId) throws XftpException {
        lock.lock();
        try {
            FileRec file = files.remove(senderId);
            if (file == null) {
                throw new XftpException(XftpError.AUTH);
            }
            for (EntityId recipientId : file.mutableRecipientIds()) {
                recipients.remove(recipientId);
            }
            return file;
        } finally {
            lock.unlock();
        }
    }

    public void blockFile(EntityId senderId, BlockingInfo info) throws XftpException {
        lock.lock();
        try {
            existing(senderId).setStatus(new EntityStatus.Blocked(info));
        } finally {
            lock.unlock();
        }
    }

    /** Removes one recipient of a file already looked up ({@code deleteRecipient}). */
    public void deleteRecipient(EntityId recipientId, FileRec file) {
        lock.lock();
        try {
            recipients.remove(recipientId);
            file.mutableRecipientIds().remove(recipientId);
        } finally {
            lock.unlock();
        }
    }

    /** Looks a file up by the id a party uses, with that party's key; {@code AUTH} if unknown. */
    public FileAccess getFile(FileParty party, EntityId id) throws XftpException {
        return switch (party) {
            case SENDER -> {
                FileRec file = existing(id);
                yield new FileAccess(file, file.fileInfo().senderKey());
            }
            case RECIPIENT -> {
                RecipientEntry entry = recipients.get(id);
                if (entry == null) {
                    throw new XftpException(XftpError.AUTH);
                }
                yield new FileAccess(existing(entry.senderId()), entry.key());
            }
        };
    }

    /** Removes a recipient by id alone, as the store log's {@code FACK} does. */
    public void ackFile(EntityId recipientId) throws XftpException {
        lock.lock();
        try {
            RecipientEntry entry = recipients.remove(recipientId);
            if (entry == null) {
                throw new XftpException(XftpError.AUTH);
            }
            existing(entry.senderId()).mutableRecipientIds().remove(recipientId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Files created before {@code oldEpochSeconds}, allowing for the rounding of creation times
     * ({@code createdAt + fileTimePrecision < old}), at most {@code limit} of them.
     */
    public List<ExpiredFile> expiredFiles(long oldEpochSeconds, int limit) {
        List<ExpiredFile> expired = new ArrayList<>();
        for (FileRec file : files.values()) {
            if (expired.size() >= limit) {
                break;
            }
            if (file.createdAt() + FILE_TIME_PRECISION < oldEpochSeconds) {
                expired.add(new ExpiredFile(file.senderId(), file.filePath(), file.fileInfo().size()));
            }
        }
        return expired;
    }

    /**
     * Bytes held by uploaded, not blocked files: what counts against the quota. The reference sums
     * all records here, uploaded or not, while at run time it counts only uploads; we count uploads
     * in both places so that the figure after a restart matches the one before it.
     */
    public long usedStorage() {
        long used = 0;
        for (FileRec file : files.values()) {
            if (file.filePath() != null && file.status() instanceof EntityStatus.Active) {
                used += file.fileInfo().size();
            }
        }
        return used;
    }

    public int fileCount() {
        return files.size();
    }

    /** A weakly consistent view of all files, for compaction and start-up checks. */
    public Collection<FileRec> files() {
        return java.util.Collections.unmodifiableCollection(files.values());
    }

    /** The recipient entry for an id, or null; compaction uses it to write each file's recipients. */
    public RecipientEntry recipient(EntityId recipientId) {
        return recipients.get(recipientId);
    }

    private FileRec existing(EntityId senderId) throws XftpException {
        FileRec file = files.get(senderId);
        if (file == null) {
            throw new XftpException(XftpError.AUTH);
        }
        return file;
    }
}
