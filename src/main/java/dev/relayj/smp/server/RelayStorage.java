package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.smp.store.MessagePersistence;
import dev.relayj.smp.store.MessageStore;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.smp.store.QueueStoreLog;
import dev.relayj.smp.store.ReferenceJournalStore;
import dev.relayj.smp.store.StoreFileException;
import dev.relayj.smp.store.StoreLogWriter;
import dev.relayj.stats.SmpServerStats;
import dev.relayj.stats.SmpServerStatsData;
import dev.relayj.stats.StatsFormatException;
import dev.relayj.stats.StatsStateFile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The relay's persistent state: the queue store and its log, the messages (restored from the
 * reference's message file after a clean stop, else from our journal) and the stats state file
 * ({@code processServerMessages}, {@code restoreServerStats}, {@code saveServer} in Server.hs).
 *
 * <p>Messages are journaled while the server runs whenever they are persisted at all: with
 * {@code restore_messages} (memory store, journal next to the message file) or with
 * {@code store_messages: journal} (journal in the journal directory). In journal mode the
 * messages come from, and on a clean stop go back to, the reference's journal store in the same
 * directory ({@link ReferenceJournalStore}).
 */
final class RelayStorage implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayStorage.class.getName());
    static final String JOURNAL_SUFFIX = ".journal";

    final QueueStore queueStore;
    final MessageStore messageStore;
    final SmpServerStats stats;
    final NotificationStore notifications;
    private final SmpServerConfig config;
    private final StoreLogWriter storeLog;
    private final Path messageLog;
    private final Path journalBase;
    /** The reference's journal store, in {@code store_messages: journal} mode only. */
    private final ReferenceJournalStore referenceJournal;

    private RelayStorage(SmpServerConfig config, QueueStore queueStore, StoreLogWriter storeLog, MessageStore messageStore,
            Path messageLog, Path journalBase, ReferenceJournalStore referenceJournal, SmpServerStats stats,
            NotificationStore notifications) {
        this.referenceJournal = referenceJournal;
        this.config = config;
        this.notifications = notifications;
        this.queueStore = queueStore;
        this.storeLog = storeLog;
        this.messageStore = messageStore;
        this.messageLog = messageLog;
        this.journalBase = journalBase;
        this.stats = stats;
    }

    static RelayStorage open(SmpServerConfig config, ServerTuning tuning) throws IOException {
        QueueStore queueStore = new QueueStore();
        StoreLogWriter storeLog = null;
        MessageStore messageStore = null;
        QueueStoreLog.Loading loading = null;
        try {
            if (config.store().storeLogFile().isPresent()) {
                // the store log compacts on another thread while messages are restored: they only
                // read the queues, and at millions of queues both take seconds
                loading = QueueStoreLog.load(config.store().storeLogFile().get(), queueStore, tuning.clock(), false,
                        note -> LOG.log(Level.INFO, note));
            }
            messageStore = new MessageStore(queueStore, tuning.msgQueueQuota(), tuning.clock(),
                    warning -> LOG.log(Level.WARNING, warning));
            Path messageLog = config.store().storeMsgsFile().orElse(null);
            Path journalBase = journalBase(config);
            SmpServerConfig.Expiry expiry = config.expiry();
            Long expireBefore = expiry.expireMessagesOnStart()
                    ? tuning.clock().instant().getEpochSecond() - expiry.messageExpiration().ttl().toSeconds()
                    : null;
            MessagePersistence.RestoreReport report = null;
            ReferenceJournalStore referenceJournal = null;
            if (config.store().messages() == SmpServerConfig.MessageStoreType.JOURNAL) {
                referenceJournal = new ReferenceJournalStore(config.store().storeMsgsJournalDir());
                Files.createDirectories(journalBase.toAbsolutePath().getParent());
                report = MessagePersistence.restoreJournalMode(messageStore, referenceJournal, journalBase,
                        expireBefore, warning -> LOG.log(Level.WARNING, warning));
            } else if (journalBase != null) {
                if (messageLog != null && Files.exists(messageLog)) {
                    LOG.log(Level.INFO, "restoring messages from file " + messageLog);
                }
                Files.createDirectories(journalBase.toAbsolutePath().getParent());
                report = MessagePersistence.restore(messageStore, messageLog, journalBase, expireBefore, false,
                        warning -> LOG.log(Level.WARNING, warning));
            }
            if (loading != null) {
                storeLog = loading.attach();
                loading = null;
            }
            NotificationStore notifications = new NotificationStore();
            NotificationLog.RestoreReport ntfReport = restoreNotifications(config, tuning, notifications);
            // smpServer in Server.hs prints both summaries after both restores, messages first
            if (report != null) {
                LOG.log(Level.INFO, "messages stored: " + report.storedCount() + ", expired: " + report.expiredCount()
                        + ", queues: " + report.queueCount());
            }
            LOG.log(Level.INFO, "notifications stored: " + ntfReport.storedCount() + ", expired: "
                    + ntfReport.expiredCount() + ", queues: " + ntfReport.notifierCount());
            SmpServerStats stats = new SmpServerStats(tuning.clock().instant());
            restoreStats(config, stats, queueStore, messageStore, report, ntfReport);
            return new RelayStorage(config, queueStore, storeLog, messageStore, messageLog, journalBase,
                    referenceJournal, stats, notifications);
        } catch (StoreFileException e) {
            closeQuietly(loading, storeLog, messageStore);
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(loading, storeLog, messageStore);
            throw e;
        }
    }

    /** Where our message journal lives, or null when messages are not persisted. */
    static Path journalBase(SmpServerConfig config) {
        SmpServerConfig.Store store = config.store();
        if (store.messages() == SmpServerConfig.MessageStoreType.JOURNAL) {
            return new ReferenceJournalStore(store.storeMsgsJournalDir()).ownJournalBase();
        }
        return store.storeMsgsFile().map(f -> f.resolveSibling(f.getFileName() + JOURNAL_SUFFIX)).orElse(null);
    }

    private static NotificationLog.RestoreReport restoreNotifications(SmpServerConfig config, ServerTuning tuning,
            NotificationStore notifications) throws IOException {
        NotificationLog.RestoreReport report = NotificationLog.RestoreReport.EMPTY;
        Optional<Path> file = config.store().storeNtfsFile();
        if (file.isPresent() && Files.exists(file.get())) {
            LOG.log(Level.INFO, "restoring notifications from file " + file.get());
            long oldBefore = tuning.clock().instant().getEpochSecond()
                    - config.expiry().notificationExpiration().ttl().toSeconds();
            report = NotificationLog.restore(file.get(), notifications, oldBefore);
            LOG.log(Level.INFO, "notifications restored, " + report.lineCount() + " lines processed");
        }
        return report;
    }

    private static void restoreStats(SmpServerConfig config, SmpServerStats stats, QueueStore queueStore,
            MessageStore messageStore, MessagePersistence.RestoreReport report, NotificationLog.RestoreReport ntfReport)
            throws IOException {
        int queueCount = queueStore.queueCount();
        long msgCount = report != null ? report.messageCount() : messageStore.messageCount();
        if (config.stats().logStats()) {
            StatsStateFile file = new StatsStateFile(config.stats().backupFile());
            if (Files.exists(file.path())) {
                LOG.log(Level.INFO, "restoring server stats from file " + file.path());
            }
            try {
                Optional<SmpServerStatsData> saved = stats.restoreFrom(file);
                if (saved.isPresent()) {
                    LOG.log(Level.INFO, "server stats restored");
                    if (report != null) {
                        stats.add(MSG_EXPIRED, report.expiredCount());
                    }
                    stats.add(MSG_NTF_EXPIRED, ntfReport.expiredCount());
                    // compareCounts in restoreServerStats (Server.hs)
                    compareCounts("Queue", saved.get().get(Q_COUNT), queueCount);
                    compareCounts("Message", saved.get().get(MSG_COUNT), msgCount);
                    compareCounts("Notification", saved.get().get(NTF_COUNT), ntfReport.storedCount());
                }
            } catch (StatsFormatException e) {
                throw new IOException("error restoring server stats: " + e.getMessage(), e);
            }
        }
        stats.counter(Q_COUNT).set(queueCount);
        stats.counter(MSG_COUNT).set(msgCount);
        stats.counter(NTF_COUNT).set(ntfReport.storedCount());
    }

    private static void compareCounts(String name, long statsCount, long storeCount) {
        if (statsCount != storeCount) {
            LOG.log(Level.WARNING, name + " count differs: stats: " + statsCount + ", store: " + storeCount);
        }
    }

    /**
     * {@code saveServer True} (the control port's {@code save}): the server keeps running, so messages
     * stay in the store and only the journal is forced to disk; then the stats.
     */
    void saveRunning() throws IOException {
        messageStore.syncJournal();
        // saveServer in Server.hs saves the notifications too
        Optional<Path> ntfsFile = config.store().storeNtfsFile();
        if (ntfsFile.isPresent()) {
            NotificationLog.save(ntfsFile.get(), notifications);
        }
        if (config.stats().logStats()) {
            stats.saveTo(new StatsStateFile(config.stats().backupFile()));
        }
    }

    /**
     * {@code saveServer}: messages to the message file or the reference's journal directory (our
     * journal removed), then the stats.
     */
    @Override
    public void close() {
        try {
            if (referenceJournal != null) {
                LOG.log(Level.INFO, "saving messages to journal " + referenceJournal.storePath());
                int saved = MessagePersistence.saveJournalOnStop(messageStore, referenceJournal, journalBase);
                LOG.log(Level.INFO, "closed journal message storage, messages saved: " + saved);
            } else {
                saveMessageLog();
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "error saving messages: " + e.getMessage());
        }
        config.store().storeNtfsFile().ifPresent(this::saveNotifications);
        if (config.stats().logStats()) {
            try {
                LOG.log(Level.INFO, "saving server stats to file " + config.stats().backupFile());
                stats.saveTo(new StatsStateFile(config.stats().backupFile()));
                LOG.log(Level.INFO, "server stats saved");
            } catch (IOException e) {
                LOG.log(Level.ERROR, "error saving server stats: " + e.getMessage());
            }
        }
        closeQuietly(null, storeLog, null);
    }

    private void saveMessageLog() throws IOException {
        if (messageLog != null) {
            LOG.log(Level.INFO, "saving messages to file " + messageLog);
        }
        int saved = MessagePersistence.saveOnStop(messageStore, messageLog, messageLog == null ? null : journalBase);
        if (messageLog != null) {
            LOG.log(Level.INFO, "messages saved: " + saved);
        } else if (journalBase == null) {
            LOG.log(Level.INFO, "undelivered messages are not saved");
        }
    }

    private void saveNotifications(Path file) {
        try {
            LOG.log(Level.INFO, "saving notifications to file " + file);
            NotificationLog.save(file, notifications);
            LOG.log(Level.INFO, "notifications saved");
        } catch (IOException e) {
            LOG.log(Level.ERROR, "error saving notifications: " + e.getMessage());
        }
    }

    private static void closeQuietly(QueueStoreLog.Loading loading, StoreLogWriter storeLog,
            MessageStore messageStore) {
        if (loading != null) {
            loading.close();
        }
        try {
            if (messageStore != null) {
                messageStore.close();
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "error closing message store: " + e.getMessage());
        }
        try {
            if (storeLog != null) {
                storeLog.close();
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "error closing store log: " + e.getMessage());
        }
    }
}
