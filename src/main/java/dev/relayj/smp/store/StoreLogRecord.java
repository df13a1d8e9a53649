package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.transport.ServiceRole;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import dev.relayj.store.EntityStatus;

/**
 * One line of the queue store log {@code smp-server-store.log}, in the exact text of simplexmq's
 * {@code Server/StoreLog.hs} ({@code StoreLogRecord} and its {@code StrEncoding}):
 *
 * <pre>
 * CREATE rid=&lt;id&gt; rk=&lt;key&gt;[,&lt;key&gt;...] rdh=&lt;secret&gt; sid=&lt;id&gt; sk=[&lt;key&gt;][ queue_mode=M|C]
 *        [ link_id=&lt;id&gt; queue_data=&lt;fixed&gt; &lt;user&gt;][ notifier=&lt;id&gt; &lt;key&gt; &lt;secret&gt;[ nsrv=&lt;id&gt;]]
 *        [ updated_at=&lt;seconds&gt;][ status=off|blocked,reason=...][ rsrv=&lt;id&gt;]
 * LINK &lt;rid&gt; &lt;link id&gt; &lt;fixed&gt; &lt;user&gt;     LDELETE &lt;rid&gt;
 * SECURE &lt;rid&gt; &lt;key&gt;     KEYS &lt;rid&gt; &lt;key&gt;[,&lt;key&gt;...]
 * NOTIFIER &lt;rid&gt; &lt;id&gt; &lt;key&gt; &lt;secret&gt;[ nsrv=&lt;id&gt;]     NDELETE &lt;rid&gt;
 * SUSPEND &lt;rid&gt;   BLOCK &lt;rid&gt; reason=...   UNBLOCK &lt;rid&gt;   DELETE &lt;rid&gt;   TIME &lt;rid&gt; &lt;seconds&gt;
 * NEW_SERVICE service_id=&lt;id&gt; role=M|N|P cert=&lt;der&gt;[,&lt;der&gt;...] cert_hash=&lt;hash&gt; created_at=&lt;seconds&gt;
 * QUEUE_SERVICE &lt;rid&gt; R|N &lt;service id or nothing&gt;
 * </pre>
 *
 * Ids, keys (X.509 SPKI DER) and secrets are base64url with padding. Older logs wrote
 * {@code sndSecure=T|F} instead of {@code queue_mode=}, a single recipient key, and lacked the later
 * optional fields; they parse into the same records.
 */
public sealed interface StoreLogRecord {

    /** The line, without its newline. */
    String encode();

    record CreateQueue(EntityId recipientId, QueueRecord queue) implements StoreLogRecord {
        @Override
        public String encode() {
            LineBuffer out = new LineBuffer(400);
            writeTo(out);
            return out.toString();
        }

        /** The line into bytes, without its newline. */
        void writeTo(LineBuffer out) {
            out.ascii("CREATE rid=").base64(recipientId.bytes()).character(' ');
            writeQueue(queue, out);
        }
    }

    record CreateLink(EntityId recipientId, QueueLink link) implements StoreLogRecord {
        @Override
        public String encode() {
            return "LINK " + recipientId.toBase64() + " " + link.linkId().toBase64() + " "
                    + Base64Url.encode(link.fixedData()) + " " + Base64Url.encode(link.userData());
        }
    }

    record DeleteLink(EntityId recipientId) implements StoreLogRecord {
        @Override
        public String encode() {
            return "LDELETE " + recipientId.toBase64();
        }
    }

    record SecureQueue(EntityId recipientId, AuthPublicKey senderKey) implements StoreLogRecord {
        @Override
        public String encode() {
            return "SECURE " + recipientId.toBase64() + " " + encodeKey(senderKey);
        }
    }

    record UpdateKeys(EntityId recipientId, List<AuthPublicKey> recipientKeys) implements StoreLogRecord {
        public UpdateKeys {
            recipientKeys = List.copyOf(recipientKeys);
        }

        @Override
        public String encode() {
            return "KEYS " + recipientId.toBase64() + " " + encodeKeys(recipientKeys);
        }
    }

    record AddNotifier(EntityId recipientId, NotifierCredentials notifier) implements StoreLogRecord {
        @Override
        public String encode() {
            return "NOTIFIER " + recipientId.toBase64() + " " + encodeNotifier(notifier);
        }
    }

    record SuspendQueue(EntityId recipientId) implements StoreLogRecord {
        @Override
        public String encode() {
            return "SUSPEND " + recipientId.toBase64();
        }
    }

    record BlockQueue(EntityId recipientId, BlockingInfo info) implements StoreLogRecord {
        @Override
        public String encode() {
            return "BLOCK " + recipientId.toBase64() + " " + info.toText();
        }
    }

    record UnblockQueue(EntityId recipientId) implements StoreLogRecord {
        @Override
        public String encode() {
            return "UNBLOCK " + recipientId.toBase64();
        }
    }

    record DeleteQueue(EntityId recipientId) implements StoreLogRecord {
        @Override
        public String encode() {
            return "DELETE " + recipientId.toBase64();
        }
    }

    record DeleteNotifier(EntityId recipientId) implements StoreLogRecord {
        @Override
        public String encode() {
            return "NDELETE " + recipientId.toBase64();
        }
    }

    record UpdateTime(EntityId recipientId, long day) implements StoreLogRecord {
        @Override
        public String encode() {
            return "TIME " + recipientId.toBase64() + " " + day;
        }
    }

    record NewService(ServiceRecord service) implements StoreLogRecord {
        @Override
        public String encode() {
            return "NEW_SERVICE service_id=" + service.serviceId().toBase64()
                    + " role=" + service.role().letter()
                    + " cert=" + service.certChain().stream().map(Base64Url::encode).collect(Collectors.joining(","))
                    + " cert_hash=" + Base64Url.encode(service.certHash())
                    + " created_at=" + service.createdAt();
        }
    }

    /** Associates a queue with a service, or (null service id) removes the association. */
    record QueueService(EntityId recipientId, ServiceParty party, EntityId serviceId) implements StoreLogRecord {
        @Override
        public String encode() {
            // a Maybe in a tuple: Nothing leaves the trailing space (strEncode of a tuple is unwords)
            return "QUEUE_SERVICE " + recipientId.toBase64() + " " + party.code() + " "
                    + (serviceId == null ? "" : serviceId.toBase64());
        }
    }

    /** Parses one line (without its newline). */
    static StoreLogRecord parse(String line) throws DecodingException {
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new DecodingException("no record tag");
        }
        String tag = line.substring(0, space);
        TextCursor in = new TextCursor(line.substring(space + 1));
        StoreLogRecord record = switch (tag) {
            case "CREATE" -> {
                in.expect("rid=");
                EntityId recipientId = in.entityId();
                in.expect(" ");
                yield new CreateQueue(recipientId, parseQueue(in));
            }
            case "LINK" -> {
                EntityId recipientId = spaced(in);
                EntityId linkId = spaced(in);
                byte[] fixedData = in.base64OrEmpty();
                in.expect(" ");
                yield new CreateLink(recipientId, new QueueLink(linkId, fixedData, in.base64OrEmpty()));
            }
            case "LDELETE" -> new DeleteLink(in.entityId());
            case "SECURE" -> new SecureQueue(spaced(in), in.authKey());
            case "KEYS" -> new UpdateKeys(spaced(in), in.authKeys());
            case "NOTIFIER" -> new AddNotifier(spaced(in), parseNotifier(in));
            case "SUSPEND" -> new SuspendQueue(in.entityId());
            case "BLOCK" -> new BlockQueue(spaced(in), BlockingInfo.fromText(in.rest()));
            case "UNBLOCK" -> new UnblockQueue(in.entityId());
            case "DELETE" -> new DeleteQueue(in.entityId());
            case "NDELETE" -> new DeleteNotifier(in.entityId());
            case "TIME" -> new UpdateTime(spaced(in), in.decimal());
            case "NEW_SERVICE" -> new NewService(parseService(in));
            case "QUEUE_SERVICE" -> {
                EntityId recipientId = spaced(in);
                ServiceParty party = ServiceParty.fromCode(in.character());
                if (party == null) {
                    throw new DecodingException("bad service party");
                }
                in.expect(" ");
                yield new QueueService(recipientId, party, in.optionalEntityId());
            }
            default -> throw new DecodingException("unknown record tag '" + tag + "'");
        };
        in.expectEnd();
        return record;
    }

    private static EntityId spaced(TextCursor in) throws DecodingException {
        EntityId id = in.entityId();
        in.expect(" ");
        return id;
    }

    private static String encodeKey(AuthPublicKey key) {
        return Base64Url.encode(key.spki());
    }

    private static String encodeKeys(List<AuthPublicKey> keys) {
        if (keys.size() == 1) {
            return encodeKey(keys.get(0));
        }
        StringJoiner joined = new StringJoiner(",");
        for (AuthPublicKey key : keys) {
            joined.add(encodeKey(key));
        }
        return joined.toString();
    }

    private static String encodeNotifier(NotifierCredentials notifier) {
        return notifier.notifierId().toBase64() + " " + encodeKey(notifier.notifierKey()) + " "
                + Base64Url.encode(notifier.rcvNtfDhSecret().bytes())
                + (notifier.ntfServiceId() == null ? "" : " nsrv=" + notifier.ntfServiceId().toBase64());
    }

    /** {@code strEncode} of {@code QueueRec}, optional fields left out when absent, into bytes (a compaction writes millions). */
    static void writeQueue(QueueRecord q, LineBuffer out) {
        q.writeKeysAndIds(out);
        if (q.queueMode() != null) {
            out.ascii(" queue_mode=").character(q.queueMode().code());
        }
        if (q.link() != null) {
            out.ascii(" link_id=").base64(q.link().linkId().bytes());
            out.ascii(" queue_data=").base64(q.link().fixedData()).character(' ').base64(q.link().userData());
        }
        if (q.notifier() != null) {
            out.ascii(" notifier=").ascii(encodeNotifier(q.notifier()));
        }
        if (q.updatedAt() != null) {
            out.ascii(" updated_at=").decimal(q.updatedAt());
        }
        if (!(q.status() instanceof EntityStatus.Active)) {
            out.ascii(" status=").text(q.status().encode());
        }
        if (q.rcvServiceId() != null) {
            out.ascii(" rsrv=").base64(q.rcvServiceId().bytes());
        }
    }

    private static QueueRecord parseQueue(TextCursor in) throws DecodingException {
        in.expect("rk=");
        List<AuthPublicKey> recipientKeys = in.authKeys();
        in.expect(" rdh=");
        X25519Secret rcvDhSecret = in.dhSecret();
        in.expect(" sid=");
        EntityId senderId = in.entityId();
        in.expect(" sk=");
        AuthPublicKey senderKey = in.optionalAuthKey();
        QueueMode queueMode = null;
        if (in.consume(" sndSecure=")) {
            // logs before queue modes: a sender-securable queue is a messaging queue
            queueMode = switch (in.character()) {
                case 'T' -> QueueMode.MESSAGING;
                case 'F' -> QueueMode.CONTACT;
                default -> throw new DecodingException("invalid sndSecure flag");
            };
        } else if (in.consume(" queue_mode=")) {
            queueMode = QueueMode.fromCode(in.character());
            if (queueMode == null) {
                throw new DecodingException("unknown queue mode");
            }
        }
        QueueLink link = null;
        if (in.consume(" link_id=")) {
            EntityId linkId = in.entityId();
            in.expect(" queue_data=");
            byte[] fixedData = in.base64OrEmpty();
            in.expect(" ");
            link = new QueueLink(linkId, fixedData, in.base64OrEmpty());
        }
        NotifierCredentials notifier = in.consume(" notifier=") ? parseNotifier(in) : null;
        Long updatedAt = in.consume(" updated_at=") ? in.decimal() : null;
        // a blocking notice is JSON running to the end of its field; only rsrv= may follow it
        EntityStatus status = in.consume(" status=") ? EntityStatus.parse(in.upToLast(" rsrv=")) : EntityStatus.ACTIVE;
        EntityId rcvServiceId = in.consume(" rsrv=") ? in.entityId() : null;
        return new QueueRecord(recipientKeys, rcvDhSecret, senderId, senderKey, queueMode, link, notifier, status,
                updatedAt, rcvServiceId);
    }

    private static NotifierCredentials parseNotifier(TextCursor in) throws DecodingException {
        EntityId notifierId = spaced(in);
        AuthPublicKey notifierKey = in.authKey();
        in.expect(" ");
        X25519Secret secret = in.dhSecret();
        EntityId serviceId = in.consume(" nsrv=") ? in.entityId() : null;
        return new NotifierCredentials(notifierId, notifierKey, secret, serviceId);
    }

    private static ServiceRecord parseService(TextCursor in) throws DecodingException {
        in.expect("service_id=");
        EntityId serviceId = in.entityId();
        in.expect(" role=");
        ServiceRole role = ServiceRole.fromLetter(in.character());
        if (role == null) {
            throw new DecodingException("unknown service role");
        }
        in.expect(" cert=");
        List<byte[]> chain = in.base64List();
        if (chain.isEmpty()) {
            throw new DecodingException("empty service certificate chain");
        }
        in.expect(" cert_hash=");
        byte[] certHash = in.base64();
        in.expect(" created_at=");
        return new ServiceRecord(serviceId, role, chain, certHash, in.decimal());
    }
}
