package dev.relayj.smp.server;

import static dev.relayj.smp.server.Responses.err;
import static dev.relayj.smp.server.Responses.storeError;
import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.Party;
import dev.relayj.smp.protocol.ServerTransmission;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.StoreException;
import dev.relayj.smp.store.StoreQueue;
import dev.relayj.stats.SmpServerStats;
import dev.relayj.store.EntityStatus;
import dev.relayj.transport.PeerClientService;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies and runs the commands of one client session ({@code verifyTransmission} and
 * {@code client}/{@code processCommand} of Server.hs): it verifies each transmission, counts batch
 * and authorization failures, and hands each command to its family ({@link QueueCommands},
 * {@link MessageCommands}, {@link NotifierCommands}, {@link LinkCommands}, {@link ForwardedCommands},
 * {@link ProxyCommands}). Errors, their order of checks and the stats counters follow the reference.
 */
final class CommandProcessor {
    /** The outcome of one block: verification errors, then responses, then messages that SUB delivered. */
    record BlockResult(List<Reply> errors, List<Reply> replies, List<Reply> messages) {}

    private final SessionCommands session;
    private final SmpServerStats stats;
    private final TransmissionVerifier verifier;
    private final QueueCommands queueCommands;
    private final MessageCommands messageCommands;
    private final NotifierCommands notifierCommands;
    private final LinkCommands linkCommands;
    private final ForwardedCommands forwardedCommands;
    private ProxyCommands proxyCommands;

    CommandProcessor(RelayEnv env, ClientSession client) {
        this(env, client, client.version(), client.service());
    }

    private CommandProcessor(RelayEnv env, ClientSession client, int version, PeerClientService service) {
        X25519PrivateKey serverKey = client.handle().auth().serverPrivateKey();
        EntityId serviceId = service == null ? null : new EntityId(service.serviceId());
        this.session = new SessionCommands(env, client, version, serviceId, serverKey);
        this.stats = env.stats;
        this.verifier = new TransmissionVerifier(env.queueStore, serverKey, service, serviceId);
        this.queueCommands = new QueueCommands(session);
        this.messageCommands = new MessageCommands(session);
        this.notifierCommands = new NotifierCommands(session);
        this.linkCommands = new LinkCommands(session);
        this.forwardedCommands = new ForwardedCommands(session);
    }

    /** For a command a proxy forwards (RFWD): the client's version, and no service. */
    static CommandProcessor forForwardedCommand(RelayEnv env, ClientSession client, int clientVersion) {
        return new CommandProcessor(env, client, clientVersion, null);
    }

    /** Verifies one transmission and runs it; the error or response to answer it with. */
    Reply verifyAndRun(ServerTransmission.Received t) {
        return switch (verifier.verify(t)) {
            case Verification.Failed(ErrorType error) -> Reply.of(t.corrId(), t.entityId(), err(error));
            case Verification.Verified v -> {
                Reply reply = process(t, v).reply();
                ErrorType notDurable = messageCommands.completeBlock();
                yield notDurable != null && t.command() instanceof Command.Send
                        ? Reply.of(t.corrId(), t.entityId(), err(notDurable)) : reply;
            }
        };
    }

    /** {@code receive} and the command loop of {@code client} for one received block. */
    BlockResult processBlock(List<ServerTransmission> transmissions) {
        List<Reply> errors = new ArrayList<>();
        List<ServerTransmission.Received> received = new ArrayList<>();
        for (ServerTransmission t : transmissions) {
            switch (t) {
                case ServerTransmission.Refused r -> errors.add(Reply.of(r.corrId(), r.entityId(), r.response()));
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
                    errors.add(Reply.of(r.corrId(), r.entityId(), BrokerMessage.err(error)));
                }
            }
        }
        // the reference folds the batch from the right (foldrM), so commands run last to first
        CommandResult[] results = new CommandResult[verifiedCommands.size()];
        for (int i = verifiedCommands.size() - 1; i >= 0; i--) {
            results[i] = process(verifiedCommands.get(i), verifications.get(i));
        }
        ErrorType notDurable = messageCommands.completeBlock();
        List<Reply> replies = new ArrayList<>(results.length);
        List<Reply> delivered = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            Reply reply = results[i].reply();
            if (reply == null) {
                continue; // a proxied command answers later
            }
            if (notDurable != null && verifiedCommands.get(i).command() instanceof Command.Send
                    && reply.message() == BrokerMessage.OK) {
                reply = Reply.of(reply.corrId(), reply.entityId(), err(notDurable));
            }
            replies.add(reply);
            if (results[i].message() != null) {
                delivered.add(results[i].message());
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

    private CommandResult process(ServerTransmission.Received t, Verification.Verified v) {
        CorrId corrId = t.corrId();
        EntityId entityId = t.entityId();
        Command command = t.command();
        return switch (command) {
            case Command.Ping p -> CommandResult.of(corrId, EntityId.NONE, BrokerMessage.PONG);
            case Command.Prxy p -> proxied(corrId, entityId, proxyCommands().proxyRelay(corrId, entityId, p));
            case Command.Pfwd p -> proxied(corrId, entityId, proxyCommands().forward(corrId, entityId, p));
            case Command.Rfwd r -> CommandResult.of(corrId, EntityId.NONE,
                    forwardedCommands.forwarded(corrId, r.encryptedForwarded()));
            case Command.New n -> new CommandResult(queueCommands.createQueue(corrId, entityId, n.request()), null);
            case Command.Subs s -> CommandResult.of(corrId, entityId, BrokerMessage.err(CommandError.PROHIBITED));
            case Command.NSubs s -> CommandResult.of(corrId, entityId, notifierCommands.subscribeServiceNotifications());
            case Command.NSub s -> CommandResult.of(corrId, entityId,
                    notifierCommands.subscribeNotifications(entityId, v.queue(), v.record()));
            case Command.Send s -> onQueue(corrId, entityId, v, false, (q, qr) -> messageCommands.sendMessage(s, q, qr));
            case Command.SKey k -> onQueue(corrId, entityId, v, true, (q, qr) -> queueCommands.secureMessagingQueue(q, qr,
                    k.senderKey()));
            case Command.LKey k -> onQueue(corrId, entityId, v, true, (q, qr) ->
                    linkCommands.secureAndGetLink(q, qr, entityId, k.senderKey(), queueCommands));
            case Command.LGet g -> onQueue(corrId, entityId, v, true, (q, qr) -> linkCommands.contactLink(q, qr, entityId));
            case Command.Sub s -> resultOnQueue(corrId, entityId, v, true, (q, qr) ->
                    messageCommands.subscribe(corrId, entityId, q, qr));
            case Command.Get g -> resultOnQueue(corrId, entityId, v, true, (q, qr) ->
                    messageCommands.getMessage(corrId, entityId, q, qr));
            case Command.Ack a -> resultOnQueue(corrId, entityId, v, true, (q, qr) ->
                    messageCommands.acknowledge(corrId, entityId, new EntityId(a.msgId()), q, qr));
            case Command.Key k -> onQueue(corrId, entityId, v, true, (q, qr) -> queueCommands.secure(q, k.senderKey()));
            case Command.RKey k -> onQueue(corrId, entityId, v, true, (q, qr) ->
                    queueCommands.replaceRecipientKeys(q, qr, k.recipientKeys()));
            case Command.LSet l -> onQueue(corrId, entityId, v, true, (q, qr) ->
                    linkCommands.setLink(q, qr, l.linkId(), l.data()));
            case Command.LDel l -> onQueue(corrId, entityId, v, true, (q, qr) -> linkCommands.deleteLink(q, qr));
            case Command.NKey k -> onQueue(corrId, entityId, v, true, (q, qr) -> notifierCommands.addNotifier(q, k));
            case Command.NDel d -> onQueue(corrId, entityId, v, true, (q, qr) -> notifierCommands.deleteNotifier(q));
            case Command.Off o -> CommandResult.of(corrId, entityId, queueCommands.suspend(v.queue()));
            case Command.Del d -> CommandResult.of(corrId, entityId, queueCommands.deleteQueue(entityId, v.queue()));
            case Command.Que q -> onQueue(corrId, entityId, v, true, (sq, qr) -> queueCommands.queueInfo(entityId, sq, qr));
        };
    }

    private ProxyCommands proxyCommands() {
        if (proxyCommands == null) {
            proxyCommands = new ProxyCommands(session.env(), session.client());
        }
        return proxyCommands;
    }

    /** A proxied command's answer now, or no reply when its thread answers later. */
    private static CommandResult proxied(CorrId corrId, EntityId entityId, BrokerMessage answer) {
        return new CommandResult(answer == null ? null : Reply.of(corrId, entityId, answer), null);
    }

    /** A command on the verified queue that answers with one response. */
    @FunctionalInterface
    private interface QueueCommand {
        BrokerMessage run(StoreQueue queue, QueueRecord record);
    }

    /** A command on the verified queue that may also deliver a message (SUB, ACK). */
    @FunctionalInterface
    private interface QueueCommandWithMessage {
        CommandResult run(StoreQueue queue, QueueRecord record);
    }

    private CommandResult onQueue(CorrId corrId, EntityId entityId, Verification.Verified v, boolean refuseBlocked,
            QueueCommand command) {
        return resultOnQueue(corrId, entityId, v, refuseBlocked,
                (q, qr) -> CommandResult.of(corrId, entityId, command.run(q, qr)));
    }

    /**
     * {@code withQueue_} of the reference: a blocked queue is refused (except for SEND, which
     * answers BLOCKED itself), and the queue's day of last use is brought to today before the
     * command runs.
     */
    private CommandResult resultOnQueue(CorrId corrId, EntityId entityId, Verification.Verified v,
            boolean refuseBlocked, QueueCommandWithMessage command) {
        if (v.queue() == null) {
            return CommandResult.of(corrId, entityId, err(ErrorType.Simple.INTERNAL));
        }
        QueueRecord record = v.record();
        if (refuseBlocked && record.status() instanceof EntityStatus.Blocked blocked) {
            return CommandResult.of(corrId, entityId, err(new ErrorType.Blocked(blocked.info())));
        }
        long today = SessionCommands.dayOf(session.env().nowSeconds());
        if (record.updatedAt() == null || record.updatedAt() != today) {
            try {
                record = session.env().queueStore.updateQueueTime(v.queue(), today);
            } catch (StoreException e) {
                return CommandResult.of(corrId, entityId, err(storeError(e)));
            }
        }
        return command.run(v.queue(), record);
    }
}
