package dev.relayj.smp.store;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.Ed448PublicKey;
import dev.relayj.crypto.KeyAlgorithm;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.store.EntityStatus;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server keeps about one queue ({@code QueueRec} in simplexmq's
 * {@code QueueStore.hs}); immutable, replaced as a whole on every change. The recipient id is
 * the key of the record, not part of it.
 *
 * <p>A relay keeps millions of these, mostly untouched for days, so the keys, the DH secret and the
 * sender id live packed in one byte array (about 100 bytes, where separate key, secret, id and list
 * objects took about 270) and are unpacked when a command asks for them. Short links, notifiers and
 * services, which few queues have, share one optional object.
 */
public final class QueueRecord {
    private static final byte ED25519 = 0;
    private static final byte ED448 = 1;
    private static final byte X25519 = 2;
    private static final byte NO_KEY = -1;
    private static final int SECRET_LENGTH = 32;
    private static final long NO_DAY = Long.MIN_VALUE;

    /** What few queues have. */
    private record Extras(QueueLink link, NotifierCredentials notifier, EntityId rcvServiceId) {
        static Extras of(QueueLink link, NotifierCredentials notifier, EntityId rcvServiceId) {
            return link == null && notifier == null && rcvServiceId == null
                    ? null : new Extras(link, notifier, rcvServiceId);
        }
    }

    /** Recipient key count, each key (type, raw), DH secret, sender id (length, bytes), sender key (type, raw) or NO_KEY. */
    private final byte[] packed;
    private final QueueMode queueMode;
    private final EntityStatus status;
    private final long updatedAt;
    private final Extras extras;

    /**
     * @param recipientKeys keys that authorize recipient commands, at least one
     * @param senderKey     set once by KEY/SKEY, null before
     * @param queueMode     null for queues created before queue modes existed
     * @param link          short link id and data, or null
     * @param notifier      notifier credentials, or null
     * @param updatedAt     the day of the last change, epoch seconds rounded down to a day; null when never set
     * @param rcvServiceId  the recipient service the queue is associated with, or null
     */
    public QueueRecord(List<AuthPublicKey> recipientKeys, X25519Secret rcvDhSecret, EntityId senderId,
            AuthPublicKey senderKey, QueueMode queueMode, QueueLink link, NotifierCredentials notifier,
            EntityStatus status, Long updatedAt, EntityId rcvServiceId) {
        if (recipientKeys.isEmpty()) {
            throw new IllegalArgumentException("a queue needs at least one recipient key");
        }
        if (rcvDhSecret == null || senderId == null || status == null) {
            throw new IllegalArgumentException("DH secret, sender id and status are required");
        }
        if (recipientKeys.size() > 255) {
            throw new IllegalArgumentException("a queue has at most 255 recipient keys");
        }
        this.packed = pack(recipientKeys, rcvDhSecret, senderId, senderKey);
        this.queueMode = queueMode;
        this.status = status;
        this.updatedAt = updatedAt == null ? NO_DAY : updatedAt;
        this.extras = Extras.of(link, notifier, rcvServiceId);
    }

    private QueueRecord(byte[] packed, QueueMode queueMode, EntityStatus status, long updatedAt, Extras extras) {
        this.packed = packed;
        this.queueMode = queueMode;
        this.status = status;
        this.updatedAt = updatedAt;
        this.extras = extras;
    }

    private static byte[] pack(List<AuthPublicKey> recipientKeys, X25519Secret rcvDhSecret, EntityId senderId,
            AuthPublicKey senderKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(recipientKeys.size());
        for (AuthPublicKey key : recipientKeys) {
            writeKey(out, Objects.requireNonNull(key, "recipient key"));
        }
        out.writeBytes(rcvDhSecret.bytes());
        out.write(senderId.length());
        out.writeBytes(senderId.bytes());
        if (senderKey == null) {
            out.write(NO_KEY);
        } else {
            writeKey(out, senderKey);
        }
        return out.toByteArray();
    }

    private static void writeKey(ByteArrayOutputStream out, AuthPublicKey key) {
        switch (key) {
            case Ed25519PublicKey k -> {
                out.write(ED25519);
                out.writeBytes(k.raw());
            }
            case Ed448PublicKey k -> {
                out.write(ED448);
                out.writeBytes(k.raw());
            }
            case X25519PublicKey k -> {
                out.write(X25519);
                out.writeBytes(k.raw());
            }
        }
    }

    /**
     * Builds the packed part of records straight from decoded bytes, reused record after record (a
     * store log replay makes millions): no key, secret, id or list objects on the way. Fields are
     * given in their order: recipient keys, DH secret, sender id, sender key.
     */
    static final class Packer {
        static final long NEVER_UPDATED = NO_DAY;
        private static final int MAX_KEYS = 255;
        private final byte[] buffer = new byte[1 + MAX_KEYS * 58 + SECRET_LENGTH + 256 + 58];
        private int length;

        void start() {
            buffer[0] = 0;
            length = 1;
        }

        /** Adds a recipient key given as its DER; false when it is not an authorization key, or one too many. */
        boolean recipientKey(byte[] der, int from, int count) {
            if ((buffer[0] & 0xff) == MAX_KEYS || !key(der, from, count)) {
                return false;
            }
            buffer[0]++;
            return true;
        }

        void secret(byte[] secret, int from) {
            System.arraycopy(secret, from, buffer, length, SECRET_LENGTH);
            length += SECRET_LENGTH;
        }

        /** An id of 1 to 255 bytes. */
        void senderId(byte[] id, int from, int count) {
            buffer[length++] = (byte) count;
            System.arraycopy(id, from, buffer, length, count);
            length += count;
        }

        /** The sender key given as its DER, or with count 0 none; false when it is not an authorization key. */
        boolean senderKey(byte[] der, int from, int count) {
            if (count == 0) {
                buffer[length++] = NO_KEY;
                return true;
            }
            return key(der, from, count);
        }

        /** An active queue without link, notifier or service; {@code updatedAt} {@link #NEVER_UPDATED} when never set. */
        QueueRecord record(QueueMode queueMode, long updatedAt) {
            return new QueueRecord(Arrays.copyOf(buffer, length), queueMode, EntityStatus.ACTIVE, updatedAt, null);
        }

        private boolean key(byte[] der, int from, int count) {
            for (byte type = ED25519; type <= X25519; type++) {
                byte[] prefix = SPKI_PREFIXES[type];
                int rawLength = keyLength(type);
                if (count == prefix.length + rawLength
                        && Arrays.equals(der, from, from + prefix.length, prefix, 0, prefix.length)) {
                    buffer[length++] = type;
                    System.arraycopy(der, from + prefix.length, buffer, length, rawLength);
                    length += rawLength;
                    return true;
                }
            }
            return false;
        }
    }

    /** SPKI prefixes by key type code. */
    private static final byte[][] SPKI_PREFIXES = {
        KeyAlgorithm.ED25519.spkiPrefix(), KeyAlgorithm.ED448.spkiPrefix(), KeyAlgorithm.X25519.spkiPrefix()
    };

    /**
     * Writes {@code rk=<keys> rdh=<secret> sid=<id> sk=[<key>]} of the store log's CREATE line
     * from the packed bytes, without unpacking them into keys and ids.
     */
    void writeKeysAndIds(LineBuffer out) {
        out.ascii("rk=");
        int offset = 1;
        for (int i = packed[0] & 0xff; i > 0; i--) {
            offset = writeKey(out, offset);
            if (i > 1) {
                out.character(',');
            }
        }
        out.ascii(" rdh=").base64(packed, offset, SECRET_LENGTH);
        offset += SECRET_LENGTH;
        int idLength = packed[offset] & 0xff;
        out.ascii(" sid=").base64(packed, offset + 1, idLength);
        offset += 1 + idLength;
        out.ascii(" sk=");
        if (packed[offset] != NO_KEY) {
            writeKey(out, offset);
        }
    }

    /** Writes the base64url DER of the key at this offset; returns the offset after it. */
    private int writeKey(LineBuffer out, int offset) {
        byte type = packed[offset];
        int length = keyLength(type);
        out.base64(SPKI_PREFIXES[type], packed, offset + 1, length);
        return offset + 1 + length;
    }

    private static int keyLength(byte type) {
        return type == ED448 ? 57 : 32;
    }

    /** Reads the key at this offset into {@code keys}; returns the offset after it. */
    private static int readKey(byte[] packed, int offset, List<AuthPublicKey> keys) {
        byte type = packed[offset];
        byte[] raw = Arrays.copyOfRange(packed, offset + 1, offset + 1 + keyLength(type));
        keys.add(switch (type) {
            case ED25519 -> new Ed25519PublicKey(raw);
            case ED448 -> new Ed448PublicKey(raw);
            case X25519 -> new X25519PublicKey(raw);
            default -> throw new IllegalStateException("unknown key type " + type);
        });
        return offset + 1 + raw.length;
    }

    private int secretOffset() {
        int offset = 1;
        for (int i = packed[0] & 0xff; i > 0; i--) {
            offset += 1 + keyLength(packed[offset]);
        }
        return offset;
    }

    private int senderIdOffset() {
        return secretOffset() + SECRET_LENGTH;
    }

    public List<AuthPublicKey> recipientKeys() {
        List<AuthPublicKey> keys = new ArrayList<>(packed[0] & 0xff);
        int offset = 1;
        for (int i = packed[0] & 0xff; i > 0; i--) {
            offset = readKey(packed, offset, keys);
        }
        return List.copyOf(keys);
    }

    public X25519Secret rcvDhSecret() {
        int offset = secretOffset();
        return new X25519Secret(Arrays.copyOfRange(packed, offset, offset + SECRET_LENGTH));
    }

    public EntityId senderId() {
        int offset = senderIdOffset();
        return new EntityId(Arrays.copyOfRange(packed, offset + 1, offset + 1 + (packed[offset] & 0xff)));
    }

    /** Whether the sender id is this one, without unpacking it (lookups by sender id run per SEND). */
    boolean hasSenderId(EntityId id) {
        int offset = senderIdOffset();
        int length = packed[offset] & 0xff;
        return id.length() == length && id.contentEquals(packed, offset + 1);
    }

    /** {@code senderId().hashCode()}, without unpacking it. */
    int senderIdHash() {
        int offset = senderIdOffset();
        int hash = 1;
        for (int i = offset + 1, end = offset + 1 + (packed[offset] & 0xff); i < end; i++) {
            hash = 31 * hash + packed[i];
        }
        return hash;
    }

    /** Set once by KEY/SKEY, null before. */
    public AuthPublicKey senderKey() {
        int offset = senderIdOffset();
        offset += 1 + (packed[offset] & 0xff);
        if (packed[offset] == NO_KEY) {
            return null;
        }
        List<AuthPublicKey> key = new ArrayList<>(1);
        readKey(packed, offset, key);
        return key.get(0);
    }

    /** Null for queues created before queue modes existed. */
    public QueueMode queueMode() {
        return queueMode;
    }

    /** Short link id and data, or null. */
    public QueueLink link() {
        return extras == null ? null : extras.link();
    }

    /** Notifier credentials, or null. */
    public NotifierCredentials notifier() {
        return extras == null ? null : extras.notifier();
    }

    public EntityStatus status() {
        return status;
    }

    /** The day of the last change, epoch seconds rounded down to a day; null when never set. */
    public Long updatedAt() {
        return updatedAt == NO_DAY ? null : updatedAt;
    }

    /** The recipient service the queue is associated with, or null. */
    public EntityId rcvServiceId() {
        return extras == null ? null : extras.rcvServiceId();
    }

    public QueueRecord withRecipientKeys(List<AuthPublicKey> keys) {
        return new QueueRecord(keys, rcvDhSecret(), senderId(), senderKey(), queueMode, link(), notifier(), status,
                updatedAt(), rcvServiceId());
    }

    public QueueRecord withSenderKey(AuthPublicKey key) {
        return new QueueRecord(recipientKeys(), rcvDhSecret(), senderId(), key, queueMode, link(), notifier(), status,
                updatedAt(), rcvServiceId());
    }

    public QueueRecord withLink(QueueLink newLink) {
        return new QueueRecord(packed, queueMode, status, updatedAt, Extras.of(newLink, notifier(), rcvServiceId()));
    }

    public QueueRecord withNotifier(NotifierCredentials newNotifier) {
        return new QueueRecord(packed, queueMode, status, updatedAt, Extras.of(link(), newNotifier, rcvServiceId()));
    }

    public QueueRecord withStatus(EntityStatus newStatus) {
        return new QueueRecord(packed, queueMode, Objects.requireNonNull(newStatus, "status"), updatedAt, extras);
    }

    public QueueRecord withUpdatedAt(Long day) {
        return new QueueRecord(packed, queueMode, status, day == null ? NO_DAY : day, extras);
    }

    public QueueRecord withRcvServiceId(EntityId serviceId) {
        return new QueueRecord(packed, queueMode, status, updatedAt, Extras.of(link(), notifier(), serviceId));
    }

    /** Secured: the sender key is set ({@code isSecuredMsgQueue} is this plus a messaging mode). */
    public boolean isSecured() {
        int offset = senderIdOffset();
        return packed[offset + 1 + (packed[offset] & 0xff)] != NO_KEY;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueueRecord r && Arrays.equals(packed, r.packed) && queueMode == r.queueMode
                && status.equals(r.status) && updatedAt == r.updatedAt && Objects.equals(extras, r.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(packed), queueMode, status, updatedAt, extras);
    }

    @Override
    public String toString() {
        return "QueueRecord[senderId=" + senderId() + ", secured=" + isSecured() + ", queueMode=" + queueMode
                + ", link=" + link() + ", notifier=" + notifier() + ", status=" + status + ", updatedAt=" + updatedAt()
                + ", rcvServiceId=" + rcvServiceId() + "]";
    }
}
