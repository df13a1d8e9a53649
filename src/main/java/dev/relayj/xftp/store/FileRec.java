package dev.relayj.xftp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.store.EntityStatus;
import dev.relayj.xftp.protocol.FileInfo;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One file chunk on the server ({@code FileRec} in {@code FileTransfer/Server/Store.hs}). Its id,
 * info and creation time never change; path, recipients and status change under the store's lock
 * and are read without it.
 */
public final class FileRec {
    private final EntityId senderId;
    private final FileInfo fileInfo;
    private final long createdAt;
    private final Set<EntityId> recipientIds = ConcurrentHashMap.newKeySet();
    private volatile String filePath;
    private volatile EntityStatus status;

    FileRec(EntityId senderId, FileInfo fileInfo, long createdAt, EntityStatus status) {
        this.senderId = senderId;
        this.fileInfo = fileInfo;
        this.createdAt = createdAt;
        this.status = status;
    }

    public EntityId senderId() {
        return senderId;
    }

    public FileInfo fileInfo() {
        return fileInfo;
    }

    /** Seconds since the epoch, rounded down to the hour ({@code RoundedFileTime}). */
    public long createdAt() {
        return createdAt;
    }

    /** The path of the uploaded body, or null before {@code FPUT} succeeded. */
    public String filePath() {
        return filePath;
    }

    public EntityStatus status() {
        return status;
    }

    public List<EntityId> recipientIds() {
        return List.copyOf(recipientIds);
    }

    void setFilePath(String path) {
        filePath = path;
    }

    void setStatus(EntityStatus newStatus) {
        status = newStatus;
    }

    Set<EntityId> mutableRecipientIds() {
        return recipientIds;
    }

    @Override
    public String toString() {
        return "FileRec[" + senderId.toBase64() + "]";
    }
}
