package dev.relayj.smp.server;

import dev.relayj.encoding.ByteView;
import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.Authorization;
import dev.relayj.protocol.CommandAuthorization;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CommandError;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.Party;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.smp.protocol.ServerTransmission;
import dev.relayj.smp.protocol.ServiceAuthorization;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.smp.store.StoreQueue;
import dev.relayj.transport.PeerClientService;
import java.util.List;

/**
 * Checks a received transmission before it runs ({@code verifyTransmission} and
 * {@code verifyQueueTransmission} of Server.hs): the party's role, the service signature, and the
 * command's key; a missing queue or key costs the same verification work as a present one.
 */
final class TransmissionVerifier {
    private static final Verification.Verified VERIFIED_NO_QUEUE = new Verification.Verified(null, null);

    private final QueueStore queues;
    private final X25519PrivateKey serverKey;
    private final PeerClientService service;
    private final EntityId serviceId;

    TransmissionVerifier(QueueStore queues, X25519PrivateKey serverKey, PeerClientService service, EntityId serviceId) {
        this.queues = queues;
        this.serverKey = serverKey;
        this.service = service;
        this.serviceId = serviceId;
    }

    Verification verify(ServerTransmission.Received t) {
        Party party = t.command().party();
        if (!party.isQueueParty()) {
            return verifyCommand(t, null, null);
        }
        StoreQueue queue = switch (party) {
            case RECIPIENT -> queues.findByRecipient(t.entityId());
            case SENDER -> queues.findBySender(t.entityId());
            case NOTIFIER -> queues.findByNotifier(t.entityId());
            default -> queues.findByLink(t.entityId());
        };
        QueueRecord record = queue == null ? null : queue.record();
        if (record == null) {
            return dummyVerify(t);
        }
        return verifyCommand(t, queue, record);
    }

    private Verification verifyCommand(ServerTransmission.Received t, StoreQueue queue, QueueRecord record) {
        Command command = t.command();
        if (!command.party().allowedFor(service == null ? null : service.role())) {
            return new Verification.Failed(ErrorType.cmd(CommandError.PROHIBITED));
        }
        if (!ServiceAuthorization.serviceSignatureValid(command, service == null ? null : service.serviceKey(),
                t.authorization(), t.authorized())) {
            return new Verification.Failed(ErrorType.Simple.SERVICE);
        }
        Verification.Verified verified = new Verification.Verified(queue, record);
        return switch (command) {
            case Command.New n -> verifiedWith(t, List.of(n.request().rcvAuthKey()), verified);
            case Command.Subs s -> verifyServiceCommand(t);
            case Command.NSubs s -> verifyServiceCommand(t);
            case Command.SKey k -> verifySecure(t, k.senderKey(), verified);
            case Command.LKey k -> verifySecure(t, k.senderKey(), verified);
            // SEND needs no authorization until the queue is secured
            case Command.Send s -> record.senderKey() == null
                    ? (t.authorization() == null ? verified : new Verification.Failed(ErrorType.Simple.AUTH))
                    : verifiedWith(t, List.of(record.senderKey()), verified);
            case Command.Ping p -> VERIFIED_NO_QUEUE;
            case Command.LGet g -> QueueCommands.isContactQueue(record) ? verified : new Verification.Failed(ErrorType.Simple.AUTH);
            case Command.NSub s -> record.notifier() == null
                    ? dummyVerify(t)
                    : verifiedWith(t, List.of(record.notifier().notifierKey()), verified);
            case Command.Prxy p -> VERIFIED_NO_QUEUE;
            case Command.Pfwd p -> VERIFIED_NO_QUEUE;
            case Command.Rfwd r -> VERIFIED_NO_QUEUE;
            default -> verifiedWith(t, record.recipientKeys(), verified);
        };
    }

    private Verification verifiedWith(ServerTransmission.Received t, List<AuthPublicKey> keys, Verification.Verified verified) {
        ByteView authorized = ServiceAuthorization.authorizedForQueueKey(
                service == null ? null : service.certHash(), t.authorization(), t.authorized());
        for (AuthPublicKey key : keys) {
            if (CommandAuthorization.verify(serverKey, Authorization.authOf(t.authorization()), authorized, t.corrId(), key)) {
                return verified;
            }
        }
        return new Verification.Failed(ErrorType.Simple.AUTH);
    }

    /** SKEY and LKEY: only a messaging queue, and only with the key it is already secured with, if any. */
    private Verification verifySecure(ServerTransmission.Received t, AuthPublicKey key, Verification.Verified verified) {
        QueueRecord record = verified.record();
        boolean allowed = record.queueMode() == QueueMode.MESSAGING
                && (record.senderKey() == null || record.senderKey().equals(key));
        return allowed ? verifiedWith(t, List.of(key), verified) : dummyVerify(t);
    }

    private Verification verifyServiceCommand(ServerTransmission.Received t) {
        boolean valid = ServiceAuthorization.serviceCommandValid(t.entityId(), serviceId,
                service == null ? null : service.serviceKey(), t.authorization(), t.authorized());
        return valid ? VERIFIED_NO_QUEUE : new Verification.Failed(ErrorType.Simple.SERVICE);
    }

    /** The same work as a real verification, so that a missing queue or key takes as long ({@code dummyVerifyCmd}). */
    private Verification dummyVerify(ServerTransmission.Received t) {
        CommandAuthorization.dummyVerify(serverKey, Authorization.authOf(t.authorization()), t.authorized(), t.corrId());
        return new Verification.Failed(ErrorType.Simple.AUTH);
    }
}
