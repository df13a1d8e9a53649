package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.transport.TransportError;
import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.CryptoException;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.DecodingException;
import dev.relayj.smp.protocol.Batch;
import dev.relayj.smp.protocol.BrokerErrorType;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ForwardedResponse;
import dev.relayj.smp.protocol.ForwardedTransmission;
import dev.relayj.smp.protocol.Parsed;
import dev.relayj.smp.protocol.RawTransmission;
import dev.relayj.smp.protocol.TransmissionParams;
import dev.relayj.smp.protocol.Transmissions;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.NewQueueRequest;
import dev.relayj.smp.protocol.NotificationMeta;
import dev.relayj.smp.protocol.Party;
import dev.relayj.smp.protocol.ProxyError;
import dev.relayj.smp.protocol.QueueIdsKeys;
import dev.relayj.smp.protocol.QueueInfo;
import dev.relayj.smp.protocol.QueueLinkData;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.RcvMessageBody;
import dev.relayj.smp.protocol.ServerNotifierCredentials;
import dev.relayj.smp.protocol.ServerTransmission;
import dev.relayj.smp.protocol.SubscriptionMode;
import dev.relayj.store.EntityStatus;
import dev.relayj.smp.store.Message;
import dev.relayj.smp.store.MessageStore;
import dev.relayj.smp.store.NotifierCredentials;
import dev.relayj.smp.store.QueueLink;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.smp.store.ServiceParty;
import dev.relayj.smp.store.StoreError;
import dev.relayj.smp.store.StoreException;
import dev.relayj.smp.store.StoreQueue;
import dev.relayj.stats.SmpServerStats;
import dev.relayj.transport.PeerClientService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Verifies and runs the commands of one client session ({@code verifyTransmission} and
 * {@code client}/{@code processCommand} of Server.hs). Errors, their order of checks and the stats
 * counters follow the reference.
 */
final class CommandProcessor {
    private static final int ID_RETRIES = 3;
    private static final long DAY_SECONDS = 86400;

    /** The outcome of one block: verification errors, then responses, then messages that SUB delivered. */
    record BlockResult(List<Reply> errors, List<Reply> replies, List<Reply> messages) {}

    /** A response and possibly a message delivered with it ({@code ResponseAndMessage}). */
    private record Result(Reply reply, Reply message) {}

    private final RelayEnv env;
    private final ClientSession client;
    private final SmpServerStats stats;
    private final QueueStore queues;
    private final MessageStore messages;
    private final X25519PrivateKey serverKey;
    private final int version;
    private final PeerClientService service;
    private final EntityId serviceId;
    private final TransmissionVerifier verifier;
    private ProxyCommands proxyCommands;

    CommandProcessor(RelayEnv env, ClientSession client) {
        this(env, client, client.version(), client.service());
    }

    /** For commands a proxy forwards: the client's version, and no service. */
    private CommandProcessor(RelayEnv env, ClientSession client, int version, PeerClientService service) {
        this.env = env;
        this.client = client;
        this.stats = env.stats;
        this.queues = env.queueStore;
        this.messages = env.messageStore;
        this.serverKey = client.handle().auth().serverPrivateKey();
        this.version = version;
        this.service = service;
        this.serviceId = service == null ? null : new EntityId(service.serviceId());
        this.verifier = new TransmissionVerifier(queues, serverKey, service, serviceId);
    }

    /** {@code receive} and the command loop of {@code client} for one received block. */
    BlockResult processBlock(List<ServerTransmission> transmissions) {
        List<Reply> errors = new ArrayList<>();
        List<ServerTransmission.Received> received = new ArrayList<>();
        for (ServerTransmission t : transmissions) {
            switch (t) {
                case ServerTransmission.Refused r -> errors.add(new Reply(r.corrId(), r.entityId(), r.response()));
                case ServerTransmission.Received r -> received.add(r);
            }
        }
        if (received.isEmpty()) {
            return new BlockResult(errors, List.of(), List.of());
        }
        Party party = received.get(0).command().party();
        if (received.size() > 1 && party.isBatchParty() && received.stream().allMatch(r -> r.command().party() == party)) {
            countBatch(received.get(0).command());
        }
        List<ServerTransmission.Received> verifiedCommands = new ArrayList<>();
        List<Verification.Verified> verifications = new ArrayList<>();
        for (ServerTransmission.Received r : received) {
            switch (verifier.verify(r)) {
                case Verification.Verified v -> {
                    verifiedCommands.add(r);
                    verifications.add(v);
                }
                case Verification.Failed(ErrorType error) -> {
                    if (error == ErrorType.Simple.AUTH) {
                        countAuthFailure(r.command());
                    }
                    errors.add(new Reply(r.corrId(), r.entityId(), BrokerMessage.err(error)));
                }
            }
        }
        // the reference folds the batch from the right (foldrM), so commands run last to first
        Deque<Reply> replies = new ArrayDeque<>();
        Deque<Reply> delivered = new ArrayDeque<>();
        for (int i = verifiedCommands.size() - 1; i >= 0; i--) {
            Result result = process(verifiedCommands.get(i), verifications.get(i));
            if (result.reply() == null) {
                continue; // a proxied command answers later
            }
            replies.addFirst(result.reply());
            if (result.message() != null) {
                delivered.addFirst(result.message());
            }
        }
        return new BlockResult(errors, List.copyOf(replies), List.copyOf(delivered));
    }

    private void countBatch(Command command) {
        switch (command) {
            case Command.Sub s -> stats.increment(Q_SUB_ALL_B);
            case Command.Del d -> stats.increment(Q_DELETED_ALL_B);
            case Command.NDel d -> stats.increment(NTF_DELETED_B);
            case Command.NSub s -> stats.increment(NTF_SUB_B);
            default -> { }
        }
    }

    private void countAuthFailure(Command command) {
        switch (command) {
            case Command.Send s -> stats.increment(MSG_SENT_AUTH);
            case Command.Sub s -> stats.increment(Q_SUB_AUTH);
            case Command.NSub s -> stats.increment(NTF_SUB_AUTH);
            case Command.Get g -> stats.increment(MSG_GET_AUTH);
            default -> { }
        }
    }

    /** A contact queue; queues from before queue modes are contact queues while unsecured. */
    static boolean isContactQueue(QueueRecord record) {
        return record.queueMode() == null ? record.senderKey() == null : record.queueMode() == QueueMode.CONTACT;
    }

    static boolean isSecuredMsgQueue(QueueRecord record) {
        return record.queueMode() != QueueMode.CONTACT && record.senderKey() != null;
    }

    // ---- commands ({@code processCommand})

    private Result process(ServerTransmission.Received t, Verification.Verified v) {
        CorrId corrId = t.corrId();
        EntityId entityId = t.entityId();
        Command command = t.command();
        return switch (command) {
            case Command.Ping p -> result(corrId, EntityId.NONE, BrokerMessage.PONG);
            case Command.Prxy p -> proxied(corrId, entityId, proxyCommands().proxyRelay(corrId, entityId, p));
            case Command.Pfwd p -> proxied(corrId, entityId, proxyCommands().forward(corrId, entityId, p));
            case Command.Rfwd r -> result(corrId, EntityId.NONE, forwarded(corrId, r.encryptedForwarded()));
            case Command.New n -> new Result(createQueue(corrId, entityId, n.request()), null);
            case Command.Subs s -> result(corrId, entityId, BrokerMessage.err(CommandError.PROHIBITED));
            case Command.NSubs s -> result(corrId, entityId, subscribeServiceNotifications());
            case Command.NSub s -> result(corrId, entityId, subscribeNotifications(entityId, v.queue(), v.record()));
            case Command.Send s -> withQueue(corrId, entityId, v, false, (q, qr) -> sendMessage(s, q, qr));
            case Command.SKey k -> withQueue(corrId, entityId, v, true, (q, qr) ->
                    qr.queueMode() == QueueMode.MESSAGING ? secure(q, k.senderKey()) : err(ErrorType.Simple.AUTH));
            case Command.LKey k -> withQueue(corrId, entityId, v, true, (q, qr) -> {
                if (qr.queueMode() != QueueMode.MESSAGING) {
                    return err(ErrorType.Simple.AUTH);
                }
                BrokerMessage secured = secure(q, k.senderKey());
                return secured instanceof BrokerMessage.Err ? secured : link(q, qr, entityId);
            });
            case Command.LGet g -> withQueue(corrId, entityId, v, true, (q, qr) ->
                    isContactQueue(qr) ? link(q, qr, entityId) : err(ErrorType.Simple.AUTH));
            case Command.Sub s -> withQueueResult(corrId, entityId, v, (q, qr) -> subscribe(corrId, entityId, q, qr));
            case Command.Get g -> withQueue(corrId, entityId, v, true, (q, qr) -> getMessage(entityId, q, qr));
            case Command.Ack a -> withQueueResult(corrId, entityId, v, (q, qr) ->
                    acknowledge(corrId, entityId, new EntityId(a.msgId()), q, qr));
            case Command.Key k -> withQueue(corrId, entityId, v, true, (q, qr) -> secure(q, k.senderKey()));
            case Command.RKey k -> withQueue(corrId, entityId, v, true, (q, qr) ->
                    qr.queueMode() == QueueMode.CONTACT ? store(() -> queues.updateKeys(q, k.recipientKeys()))
                            : err(ErrorType.Simple.AUTH));
            case Command.LSet l -> withQueue(corrId, entityId, v, true, (q, qr) -> setLink(q, qr, l.linkId(), l.data()));
            case Command.LDel l -> withQueue(corrId, entityId, v, true, (q, qr) ->
                    qr.link() == null ? BrokerMessage.OK : store(() -> queues.deleteLink(q)));
            case Command.NKey k -> withQueue(corrId, entityId, v, true, (q, qr) -> addNotifier(q, k));
            case Command.NDel d -> withQueue(corrId, entityId, v, true, (q, qr) -> deleteNotifier(q));
            case Command.Off o -> result(corrId, entityId, store(() -> queues.suspendQueue(v.queue())));
            case Command.Del d -> result(corrId, entityId, deleteQueue(entityId, v.queue()));
            case Command.Que q -> withQueue(corrId, entityId, v, true, (sq, qr) -> queueInfo(entityId, sq, qr));
        };
    }

    private ProxyCommands proxyCommands() {
        if (proxyCommands == null) {
            proxyCommands = new ProxyCommands(env, client);
        }
        return proxyCommands;
    }

    /** A proxied command's answer now, or no reply when its thread answers later. */
    private static Result proxied(CorrId corrId, EntityId entityId, BrokerMessage answer) {
        return new Result(answer == null ? null : new Reply(corrId, entityId, answer), null);
    }

    @FunctionalInterface
    private interface QueueAction {
        BrokerMessage run(StoreQueue queue, QueueRecord record);
    }

    @FunctionalInterface
    private interface QueueResultAction {
        Result run(StoreQueue queue, QueueRecord record);
    }

    @FunctionalInterface
    private interface StoreAction {
        void run() throws StoreException;
    }

    private static Result result(CorrId corrId, EntityId entityId, BrokerMessage message) {
        return new Result(new Reply(corrId, entityId, message), null);
    }

    private Result withQueue(CorrId corrId, EntityId entityId, Verification.Verified v, boolean refuseBlocked,
            QueueAction action) {
        return withQueue_(corrId, entityId, v, refuseBlocked, (q, qr) -> result(corrId, entityId, action.run(q, qr)));
    }

    private Result withQueueResult(CorrId corrId, EntityId entityId, Verification.Verified v, QueueResultAction action) {
        return withQueue_(corrId, entityId, v, true, action);
    }

    /**
     * {@code withQueue_}: a blocked queue is refused (except SEND, which checks it itself), and the
     * queue's day of last use is updated first.
     */
    private Result withQueue_(CorrId corrId, EntityId entityId, Verification.Verified v, boolean refuseBlocked,
            QueueResultAction action) {
        if (v.queue() == null) {
            return result(corrId, entityId, err(ErrorType.Simple.INTERNAL));
        }
        QueueRecord record = v.record();
        if (refuseBlocked && record.status() instanceof EntityStatus.Blocked blocked) {
            return result(corrId, entityId, err(new ErrorType.Blocked(blocked.info())));
        }
        long now = env.nowSeconds();
        long today = now - Math.floorMod(now, DAY_SECONDS);
        if (record.updatedAt() == null || record.updatedAt() != today) {
            try {
                record = queues.updateQueueTime(v.queue(), today);
            } catch (StoreException e) {
                return result(corrId, entityId, err(storeError(e)));
            }
        }
        return action.run(v.queue(), record);
    }

    private static BrokerMessage.Err err(ErrorType error) {
        return BrokerMessage.err(error);
    }

    private static ErrorType storeError(StoreException e) {
        return switch (e.error()) {
            case AUTH -> ErrorType.Simple.AUTH;
            case DUPLICATE -> ErrorType.Simple.DUPLICATE_;
            case SERVICE -> ErrorType.Simple.SERVICE;
            case QUOTA -> ErrorType.Simple.QUOTA;
            case STORE -> new ErrorType.Store(e.getMessage());
        };
    }

    private static BrokerMessage store(StoreAction action) {
        try {
            action.run();
            return BrokerMessage.OK;
        } catch (StoreException e) {
            return err(storeError(e));
        }
    }

    // ---- RFWD

    /**
     * {@code processForwardedCommand}: a command a proxy forwards for its client, encrypted twice (for
     * this session and for the relay's session key); only SEND, SKEY, LKEY and LGET are accepted, and
     * the response goes back encrypted the same two ways (RRES).
     */
    private BrokerMessage forwarded(CorrId corrId, byte[] encrypted) {
        X25519Secret sessionSecret = client.handle().auth().sessionSecret();
        if (sessionSecret == null) {
            return err(new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Transport(TransportError.Simple.NO_AUTH))));
        }
        CbNonce proxyNonce = CbNonce.fitting(corrId.bytes());
        ForwardedTransmission fwd;
        byte[] transmission;
        X25519Secret clientSecret;
        CbNonce clientNonce;
        try {
            byte[] decrypted = CryptoBox.cbDecryptNoPad(sessionSecret, proxyNonce, encrypted);
            try {
                fwd = ForwardedTransmission.decode(decrypted);
            } catch (DecodingException e) {
                return err(ErrorType.cmd(CommandError.SYNTAX));
            }
            clientSecret = serverKey.dh(fwd.clientKey());
            clientNonce = CbNonce.fitting(fwd.clientCorrId().bytes());
            transmission = CryptoBox.cbDecrypt(clientSecret, clientNonce, fwd.encryptedTransmission());
        } catch (CryptoException e) {
            return err(ErrorType.Simple.CRYPTO);
        }
        TransmissionParams clientParams = TransmissionParams.forVersion(version, client.handle().params().sessionId())
                .withVersion(fwd.clientVersion());
        List<Parsed<RawTransmission>> parsed = Transmissions.parseBlock(clientParams, transmission);
        if (parsed.size() != 1) {
            return err(ErrorType.Simple.BLOCK);
        }
        Reply response = switch (Transmissions.decodeServer(clientParams, parsed.get(0))) {
            case ServerTransmission.Refused refused -> new Reply(refused.corrId(), refused.entityId(), refused.response());
            case ServerTransmission.Received received -> {
                if (!Command.isForwardable(received.command())) {
                    yield new Reply(received.corrId(), received.entityId(), err(ErrorType.cmd(CommandError.PROHIBITED)));
                }
                CommandProcessor forClient = new CommandProcessor(env, client, fwd.clientVersion(), null);
                yield switch (forClient.verifier.verify(received)) {
                    case Verification.Failed(ErrorType error) ->
                            new Reply(received.corrId(), received.entityId(), err(error));
                    case Verification.Verified v -> forClient.process(received, v).reply();
                };
            }
        };
        byte[] encoded = Transmissions.encodeResponse(clientParams, response.corrId(), response.entityId(), response.message());
        if (!(Transmissions.batch(MessageLimits.BLOCK_SIZE, List.of(encoded)).get(0) instanceof Batch.Block block)) {
            return err(ErrorType.Simple.BLOCK);
        }
        byte[] forClient;
        try {
            forClient = CryptoBox.cbEncrypt(clientSecret, clientNonce.reversed(), block.content(),
                    MessageLimits.PADDED_PROXIED_TRANSMISSION_LENGTH);
        } catch (CryptoException e) {
            return err(ErrorType.Simple.BLOCK);
        }
        byte[] forProxy = CryptoBox.cbEncryptNoPad(sessionSecret, proxyNonce.reversed(),
                new ForwardedResponse(fwd.clientCorrId(), forClient).encode());
        stats.increment(P_MSG_FWDS_RECV);
        return new BrokerMessage.Rres(forProxy);
    }

    // ---- NEW

    private Reply createQueue(CorrId corrId, EntityId entityId, NewQueueRequest request) {
        SmpServerConfig.Auth auth = env.config.auth();
        boolean allowed = auth.allowNewQueues() && auth.createPassword()
                .map(password -> request.basicAuth() != null && request.basicAuth().text().equals(password))
                .orElse(true);
        if (!allowed) {
            return new Reply(corrId, entityId, err(ErrorType.Simple.AUTH));
        }
        if (serviceId != null && request.subscriptionMode() == SubscriptionMode.ONLY_CREATE) {
            return new Reply(corrId, entityId, err(ErrorType.cmd(CommandError.PROHIBITED)));
        }
        long now = env.nowSeconds();
        X25519PrivateKey dhKey = X25519PrivateKey.generate(env.random);
        X25519Secret rcvDhSecret = dhKey.dh(request.rcvDhKey());
        X25519PrivateKey ntfDhKey = null;
        X25519Secret ntfDhSecret = null;
        if (request.notifierCredentials() != null) {
            ntfDhKey = X25519PrivateKey.generate(env.random);
            ntfDhSecret = ntfDhKey.dh(request.notifierCredentials().rcvNtfDhKey());
        }
        // a client-chosen sender id must be the hash of the correlation id, so that creating a queue
        // cannot tell whether a queue with some id exists (Server.hs createQueue)
        byte[] expectedSenderId = Arrays.copyOf(Hashes.sha3_384(corrId.bytes()), 24);
        for (int attempt = 0; attempt < ID_RETRIES; attempt++) {
            EntityId senderId;
            boolean clientIds;
            QueueLink link = null;
            switch (request.queueRequestData()) {
                case QueueRequestData.Messaging(QueueRequestData.SenderLink l) when l != null -> {
                    senderId = l.senderId();
                    clientIds = true;
                    link = queueLink(randomId(), l.data());
                }
                case QueueRequestData.Contact(EntityId linkId, QueueRequestData.SenderLink l) when l != null -> {
                    senderId = l.senderId();
                    clientIds = true;
                    link = queueLink(linkId, l.data());
                }
                case null, default -> {
                    senderId = randomId();
                    clientIds = false;
                }
            }
            if (clientIds && !Arrays.equals(senderId.bytes(), expectedSenderId)) {
                return new Reply(corrId, entityId, err(ErrorType.cmd(CommandError.PROHIBITED)));
            }
            EntityId recipientId = randomId();
            NotifierCredentials notifier = null;
            if (ntfDhSecret != null) {
                notifier = new NotifierCredentials(randomId(), request.notifierCredentials().notifierKey(), ntfDhSecret, null);
            }
            QueueRecord record = new QueueRecord(List.of(request.rcvAuthKey()), rcvDhSecret, senderId, null,
                    request.queueMode(), link, notifier, EntityStatus.ACTIVE, now - Math.floorMod(now, DAY_SECONDS),
                    serviceId);
            try {
                queues.addQueue(recipientId, record);
            } catch (StoreException e) {
                if (e.error() == StoreError.DUPLICATE) {
                    if (clientIds) {
                        return new Reply(corrId, entityId, err(ErrorType.Simple.AUTH));
                    }
                    continue;
                }
                return new Reply(corrId, entityId, err(storeError(e)));
            }
            stats.increment(Q_CREATED);
            stats.increment(Q_COUNT);
            if (notifier != null) {
                stats.increment(NTF_NEW_CREATED);
            }
            if (request.subscriptionMode() == SubscriptionMode.SUBSCRIBE) {
                subscribeNewQueue(recipientId, record);
            }
            ServerNotifierCredentials ntfCreds = notifier == null
                    ? null : new ServerNotifierCredentials(notifier.notifierId(), ntfDhKey.publicKey());
            QueueIdsKeys ids = new QueueIdsKeys(recipientId, senderId, dhKey.publicKey(), request.queueMode(),
                    link == null ? null : link.linkId(), serviceId, ntfCreds);
            return new Reply(corrId, entityId, new BrokerMessage.Ids(ids));
        }
        return new Reply(corrId, entityId, err(ErrorType.Simple.INTERNAL));
    }

    private static QueueLink queueLink(EntityId linkId, QueueLinkData data) {
        return new QueueLink(linkId, data.fixedData(), data.userData());
    }

    private EntityId randomId() {
        return new EntityId(env.randomBytes(SmpServerConfig.QUEUE_ID_BYTES));
    }

    /** A queue created by a service is held through the service's subscription (Server.hs subscribeNewQueue). */
    private void subscribeNewQueue(EntityId recipientId, QueueRecord record) {
        if (record.rcvServiceId() == null) {
            client.subscriptions().put(recipientId, Subscription.pushing());
            env.subscribers.subscribe(recipientId, client);
        } else {
            env.subscribers.unsubscribed(recipientId, client);
            env.rcvServices.subscribeQueue(record.rcvServiceId(), recipientId, client);
        }
    }

    // ---- securing and links

    private BrokerMessage secure(StoreQueue queue, AuthPublicKey senderKey) {
        BrokerMessage result = store(() -> queues.secureQueue(queue, senderKey));
        if (result == BrokerMessage.OK) {
            stats.increment(Q_SECURED);
        }
        return result;
    }

    private BrokerMessage link(StoreQueue queue, QueueRecord record, EntityId linkId) {
        try {
            QueueLink link = queues.getLink(queue, linkId);
            return new BrokerMessage.Lnk(record.senderId(), new QueueLinkData(link.fixedData(), link.userData()));
        } catch (StoreException e) {
            return err(storeError(e));
        }
    }

    private BrokerMessage setLink(StoreQueue queue, QueueRecord record, EntityId linkId, QueueLinkData data) {
        if (isSecuredMsgQueue(record)) {
            return err(ErrorType.Simple.AUTH);
        }
        if (record.link() != null && !record.link().linkId().equals(linkId)) {
            return err(ErrorType.Simple.AUTH);
        }
        return store(() -> queues.addLink(queue, queueLink(linkId, data)));
    }

    // ---- notifiers

    private BrokerMessage addNotifier(StoreQueue queue, Command.NKey nkey) {
        X25519PrivateKey dhKey = X25519PrivateKey.generate(env.random);
        X25519Secret secret = dhKey.dh(nkey.rcvNtfDhKey());
        for (int attempt = 0; attempt < ID_RETRIES; attempt++) {
            EntityId notifierId = randomId();
            NotifierCredentials previous;
            try {
                previous = queues.addNotifier(queue, new NotifierCredentials(notifierId, nkey.notifierKey(), secret, null));
            } catch (StoreException e) {
                if (e.error() == StoreError.DUPLICATE) {
                    continue;
                }
                return err(storeError(e));
            }
            stats.increment(NTF_CREATED);
            if (previous != null) {
                env.ntfSubscribers.deleted(previous.notifierId(), client);
                env.ntfServices.queueLeft(previous.ntfServiceId(), previous.notifierId(), client, BrokerMessage.DELD);
            }
            return new BrokerMessage.Nid(notifierId, dhKey.publicKey());
        }
        return err(ErrorType.Simple.INTERNAL);
    }

    private BrokerMessage deleteNotifier(StoreQueue queue) {
        NotifierCredentials previous;
        try {
            previous = queues.deleteNotifier(queue);
        } catch (StoreException e) {
            return err(storeError(e));
        }
        if (previous != null) {
            int deleted = env.notifications.delete(previous.notifierId());
            stats.add(NTF_COUNT, -deleted);
            env.ntfSubscribers.deleted(previous.notifierId(), client);
            env.ntfServices.queueLeft(previous.ntfServiceId(), previous.notifierId(), client, BrokerMessage.DELD);
            stats.increment(NTF_DELETED);
        }
        return BrokerMessage.OK;
    }

    private BrokerMessage subscribeNotifications(EntityId notifierId, StoreQueue queue, QueueRecord record) {
        if (queue == null || record.notifier() == null) {
            return err(ErrorType.Simple.INTERNAL);
        }
        EntityId ntfServiceId = record.notifier().ntfServiceId();
        if (serviceId != null) {
            return new NotifierServiceCommands(env, client, serviceId).subscribeQueue(notifierId, queue, ntfServiceId);
        }
        if (ntfServiceId != null) {
            try {
                queues.setQueueService(queue, ServiceParty.NOTIFIER, null);
            } catch (StoreException e) {
                return err(storeError(e));
            }
            stats.ntfServices.assocRemoved.increment();
            env.ntfServices.queueLeft(ntfServiceId, notifierId, client, BrokerMessage.END);
        }
        boolean hasSub = client.ntfSubscriptions().contains(notifierId);
        if (!hasSub || ntfServiceId != null) {
            // the client's own set first: Subscribers relies on it to keep subClients right without a lock
            client.ntfSubscriptions().add(notifierId);
            env.ntfSubscribers.subscribe(notifierId, client);
        }
        stats.increment(hasSub ? NTF_SUB_DUPLICATE : NTF_SUB);
        return new BrokerMessage.Sok(null);
    }

    private BrokerMessage subscribeServiceNotifications() {
        return serviceId == null ? err(ErrorType.Simple.INTERNAL)
                : new NotifierServiceCommands(env, client, serviceId).subscribeService();
    }

    // ---- SEND

    private BrokerMessage sendMessage(Command.Send send, StoreQueue queue, QueueRecord record) {
        if (send.bodyLength() > MessageLimits.maxMessageLength(version)) {
            stats.increment(MSG_SENT_LARGE);
            return err(ErrorType.Simple.LARGE_MSG);
        }
        switch (record.status()) {
            case EntityStatus.Off off -> {
                stats.increment(MSG_SENT_AUTH);
                return err(ErrorType.Simple.AUTH);
            }
            case EntityStatus.Blocked blocked -> {
                stats.increment(MSG_SENT_BLOCK);
                return err(new ErrorType.Blocked(blocked.info()));
            }
            case EntityStatus.Active active -> { }
        }
        if (record.link() != null && isSecuredMsgQueue(record)) {
            store(() -> queues.deleteLink(queue));
        }
        try {
            SmpServerConfig.Expiry expiry = env.config.expiry();
            if (expiry.expireMessagesOnSend()) {
                long oldBefore = env.nowSeconds() - expiry.messageExpiration().ttl().toSeconds();
                int expired = messages.deleteExpiredMessages(queue, oldBefore);
                stats.add(MSG_EXPIRED, expired);
            }
            EntityId msgId = new EntityId(env.randomBytes(SmpServerConfig.MSG_ID_BYTES));
            Message.Sent message = new Message.Sent(msgId, env.nowSeconds(), send.flags().notification(), send.body());
            MessageStore.WriteResult written = messages.writeMessage(queue, message);
            messages.awaitDurable(written);
            if (written.wasEmpty()) {
                tryDeliver(queue, message);
            }
            if (send.flags().notification()) {
                if (record.notifier() != null) {
                    enqueueNotification(record.notifier(), message);
                }
                stats.increment(MSG_SENT_NTF);
                stats.activeQueuesNtf.update(queue.recipientId().bytes());
            }
            stats.increment(MSG_SENT);
            stats.increment(MSG_COUNT);
            stats.activeQueues.update(queue.recipientId().bytes());
            return BrokerMessage.OK;
        } catch (StoreException e) {
            if (e.error() == StoreError.QUOTA) {
                stats.increment(MSG_SENT_QUOTA);
            }
            return err(storeError(e));
        }
    }

    /**
     * {@code tryDeliverMessage}: a message sent to an empty queue goes to its subscriber at once,
     * unless a message delivered to it is still not acknowledged. When the subscriber's send queue is
     * full, a thread of the subscriber's waits for room and checks again that it is still subscribed.
     */
    private void tryDeliver(StoreQueue queue, Message message) {
        EntityId recipientId = queue.recipientId();
        ClientSession subscriber = env.subscribers.subscriber(recipientId);
        if (subscriber == null) {
            return;
        }
        Subscription sub = subscriber.subscriptions().get(recipientId);
        if (sub == null) {
            return;
        }
        sub.lock().lock();
        try {
            if (sub.state() != Subscription.State.NO_SUB || sub.delivered() != null) {
                return;
            }
            Reply msg = Reply.event(recipientId, encryptMessage(queue.record(), message));
            if (subscriber.offer(Outgoing.of(List.of(msg)))) {
                sub.setDelivered(new Subscription.Delivered(message.id(), env.nowSeconds()));
                return;
            }
            sub.setState(Subscription.State.SUB_PENDING);
            Thread thread = subscriber.fork("smp-deliver", () -> deliverWhenRoom(subscriber, sub, recipientId, msg, message));
            sub.setDeliveryThread(thread);
        } finally {
            sub.lock().unlock();
        }
    }

    private void deliverWhenRoom(ClientSession subscriber, Subscription sub, EntityId recipientId, Reply msg,
            Message message) throws InterruptedException {
        if (env.subscribers.subscriber(recipientId) != subscriber) {
            return;
        }
        sub.lock().lock();
        try {
            if (sub.delivered() != null) {
                return;
            }
            sub.setDelivered(new Subscription.Delivered(message.id(), env.nowSeconds()));
            sub.setState(Subscription.State.NO_SUB);
        } finally {
            sub.lock().unlock();
        }
        subscriber.put(Outgoing.of(List.of(msg)));
    }

    private void enqueueNotification(NotifierCredentials notifier, Message.Sent message) {
        CbNonce nonce = CbNonce.random(env.random);
        byte[] meta = new NotificationMeta(message.id().bytes(), message.timestamp()).encode();
        byte[] encrypted;
        try {
            encrypted = CryptoBox.cbEncrypt(notifier.rcvNtfDhSecret(), nonce, meta, MessageLimits.PADDED_NMSG_META_LENGTH);
        } catch (CryptoException e) {
            // the reference stores an empty body when encryption fails (fromRight "")
            encrypted = new byte[0];
        }
        env.notifications.store(notifier.notifierId(),
                new NotificationStore.MessageNotification(message.id().bytes(), message.timestamp(), nonce.bytes(), encrypted));
        stats.increment(NTF_COUNT);
    }

    /** {@code encryptMsg}: the message as the recipient reads it, encrypted with the queue's DH secret. */
    static BrokerMessage.Msg encryptMessage(QueueRecord record, Message message) {
        RcvMessageBody body = switch (message) {
            case Message.Sent sent -> new RcvMessageBody.Message(sent.timestamp(),
                    sent.notification() ? MsgFlags.NOTIFY : MsgFlags.NONE, sent.body());
            case Message.QuotaMarker quota -> new RcvMessageBody.Quota(quota.timestamp());
        };
        byte[] msgId = message.id().bytes();
        try {
            return new BrokerMessage.Msg(msgId, CryptoBox.cbEncrypt(record.rcvDhSecret(), CbNonce.fitting(msgId),
                    body.encode(), MessageLimits.PADDED_RCV_MESSAGE_LENGTH));
        } catch (CryptoException e) {
            throw new IllegalStateException("a stored message always fits its padded length", e);
        }
    }

    // ---- SUB, GET, ACK

    private Result subscribe(CorrId corrId, EntityId entityId, StoreQueue queue, QueueRecord record) {
        Subscription sub = client.subscriptions().get(entityId);
        boolean hasSub = sub != null;
        if (sub == null) {
            sub = Subscription.pushing();
            client.subscriptions().put(entityId, sub);
            env.subscribers.subscribe(entityId, client);
            // SUB without a service takes the queue from its service's subscriber (CSClient qId rcvServiceId Nothing)
            env.rcvServices.queueLeft(record.rcvServiceId(), entityId, client, BrokerMessage.END);
        } else {
            sub.lock().lock();
            try {
                if (sub.state() == Subscription.State.PROHIBITED) {
                    stats.increment(Q_SUB_PROHIBITED);
                    return result(corrId, entityId, err(ErrorType.cmd(CommandError.PROHIBITED)));
                }
                stats.increment(Q_SUB_DUPLICATE);
                sub.setDelivered(null);
            } finally {
                sub.lock().unlock();
            }
        }
        Reply message = null;
        sub.lock().lock();
        try {
            Message first = messages.peekMessage(queue);
            if (first != null) {
                sub.setDelivered(new Subscription.Delivered(first.id(), env.nowSeconds()));
                if (!hasSub) {
                    stats.increment(Q_SUB);
                }
                message = Reply.event(entityId, encryptMessage(record, first));
            }
        } finally {
            sub.lock().unlock();
        }
        return new Result(new Reply(corrId, entityId, new BrokerMessage.Sok(serviceId)), message);
    }

    private BrokerMessage getMessage(EntityId entityId, StoreQueue queue, QueueRecord record) {
        Subscription sub = client.subscriptions().get(entityId);
        Subscription.Delivered previous = null;
        if (sub == null) {
            sub = Subscription.getOnly();
            client.subscriptions().put(entityId, sub);
        } else {
            sub.lock().lock();
            try {
                if (sub.state() != Subscription.State.PROHIBITED) {
                    stats.increment(MSG_GET_PROHIBITED);
                    return err(ErrorType.cmd(CommandError.PROHIBITED));
                }
                previous = sub.delivered();
                sub.setDelivered(null);
            } finally {
                sub.lock().unlock();
            }
        }
        Message first = messages.peekMessage(queue);
        if (first == null) {
            stats.increment(MSG_GET_NO_MSG);
            return BrokerMessage.OK;
        }
        stats.increment(previous != null ? MSG_GET_DUPLICATE : MSG_GET);
        sub.lock().lock();
        try {
            sub.setDelivered(new Subscription.Delivered(first.id(), env.nowSeconds()));
        } finally {
            sub.lock().unlock();
        }
        return encryptMessage(record, first);
    }

    private Result acknowledge(CorrId corrId, EntityId entityId, EntityId msgId, StoreQueue queue, QueueRecord record) {
        Subscription sub = client.subscriptions().get(entityId);
        if (sub == null) {
            return result(corrId, entityId, err(ErrorType.Simple.NO_MSG));
        }
        Subscription.Delivered delivered;
        boolean getOnly;
        sub.lock().lock();
        try {
            delivered = sub.delivered();
            if (delivered == null || !(delivered.msgId().equals(msgId) || msgId.isEmpty())) {
                return result(corrId, entityId, err(ErrorType.Simple.NO_MSG));
            }
            sub.setDelivered(null);
            getOnly = sub.state() == Subscription.State.PROHIBITED;
        } finally {
            sub.lock().unlock();
        }
        try {
            if (getOnly) {
                Message deleted = messages.tryDeleteMessage(queue, msgId);
                countReceived(entityId, deleted, true, delivered.deliveredAt());
                return result(corrId, entityId, BrokerMessage.OK);
            }
            MessageStore.DeletePeek deletePeek = messages.tryDeletePeekMessage(queue, msgId);
            countReceived(entityId, deletePeek.deleted(), false, delivered.deliveredAt());
            Message next = deletePeek.next();
            if (next == null) {
                return result(corrId, entityId, BrokerMessage.OK);
            }
            sub.lock().lock();
            try {
                sub.setDelivered(new Subscription.Delivered(next.id(), env.nowSeconds()));
            } finally {
                sub.lock().unlock();
            }
            return result(corrId, entityId, encryptMessage(record, next));
        } catch (StoreException e) {
            return result(corrId, entityId, err(storeError(e)));
        }
    }

    private void countReceived(EntityId entityId, Message deleted, boolean isGet, long deliveredAt) {
        if (!(deleted instanceof Message.Sent sent)) {
            return;
        }
        stats.increment(MSG_RECV);
        if (isGet) {
            stats.increment(MSG_RECV_GET);
        }
        stats.add(MSG_COUNT, -1);
        stats.activeQueues.update(entityId.bytes());
        if (sent.notification()) {
            stats.increment(MSG_RECV_NTF);
            stats.activeQueuesNtf.update(entityId.bytes());
        }
        stats.msgRecvAckTimes.record(deliveredAt, env.nowSeconds());
    }

    // ---- DEL, QUE

    private BrokerMessage deleteQueue(EntityId entityId, StoreQueue queue) {
        if (queue == null) {
            return err(ErrorType.Simple.INTERNAL);
        }
        QueueRecord record;
        try {
            record = messages.deleteQueue(queue).record();
        } catch (StoreException e) {
            return err(storeError(e));
        }
        Subscription sub = client.subscriptions().remove(entityId);
        if (sub != null) {
            sub.cancel();
        }
        env.subscribers.deleted(entityId, client);
        env.rcvServices.queueLeft(record.rcvServiceId(), entityId, client, BrokerMessage.DELD);
        if (record.notifier() != null) {
            EntityId notifierId = record.notifier().notifierId();
            int deleted = env.notifications.delete(notifierId);
            stats.add(NTF_COUNT, -deleted);
            env.ntfSubscribers.deleted(notifierId, client);
            env.ntfServices.queueLeft(record.notifier().ntfServiceId(), notifierId, client, BrokerMessage.DELD);
        }
        stats.increment(record.senderKey() == null ? Q_DELETED_NEW : Q_DELETED_SECURED);
        stats.increment(Q_DELETED_ALL);
        stats.add(Q_COUNT, -1);
        return BrokerMessage.OK;
    }

    private BrokerMessage queueInfo(EntityId entityId, StoreQueue queue, QueueRecord record) {
        Subscription sub = client.subscriptions().get(entityId);
        Message first = messages.peekMessage(queue);
        QueueInfo.MessageInfo messageInfo = first == null ? null : new QueueInfo.MessageInfo(
                java.util.Base64.getEncoder().encodeToString(first.id().bytes()),
                java.time.Instant.ofEpochSecond(first.timestamp()),
                first instanceof Message.QuotaMarker ? QueueInfo.MessageType.QUOTA : QueueInfo.MessageType.MESSAGE);
        return new BrokerMessage.Info(new QueueInfo(record.senderKey() != null, record.notifier() != null,
                sub == null ? null : sub.info(), messages.queueSize(queue), messageInfo));
    }
}
