package dev.relayj.smp.server;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.NewQueueRequest;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import dev.relayj.smp.store.MessageStore;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.smp.store.StoreQueue;
import dev.relayj.stats.SmpServerStats;
import dev.relayj.tls.TlsConnection;
import dev.relayj.transport.ServerAuth;
import dev.relayj.transport.SmpServerHandle;
import dev.relayj.transport.SmpSessionParams;
import dev.relayj.transport.SmpVersions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The command families of one session, run without TLS or sockets: a relay environment over
 * in-memory stores and a client session whose connection is never read or written (the families
 * only register it and put replies in its send queue).
 */
final class CommandFamilies {
    static final SecureRandom RANDOM = new SecureRandom();
    static final int VERSION = SmpVersions.CURRENT_SERVER_SMP_RELAY_VERSION;

    final RelayEnv env;
    final ClientSession client;
    final SessionCommands session;
    final QueueCommands queues;
    final MessageCommands messages;
    final NotifierCommands notifiers;
    final LinkCommands links;
    final ForwardedCommands forwarded;
    final SmpServerStats stats;
    final Ed25519PrivateKey recipientKey = Ed25519PrivateKey.generate(RANDOM);
    final X25519PrivateKey recipientDhKey = X25519PrivateKey.generate(RANDOM);

    CommandFamilies(Path dir) throws Exception {
        SmpServerConfig config = TestServer.config(dir, TestServer.Settings.DEFAULT.withoutPersistence());
        QueueStore queueStore = new QueueStore();
        MessageStore messageStore = new MessageStore(queueStore, TestServer.TUNING.msgQueueQuota(),
                TestServer.TUNING.clock(), warning -> {});
        stats = new SmpServerStats(TestServer.TUNING.clock().instant());
        env = new RelayEnv(config, TestServer.TUNING, queueStore, messageStore, stats, new NotificationStore());
        X25519PrivateKey serverKey = X25519PrivateKey.generate(RANDOM);
        SmpServerHandle handle = new SmpServerHandle(null,
                new SmpSessionParams(new byte[32], SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE, VERSION),
                new ServerAuth(serverKey, null, null));
        client = new ClientSession(env, new UnusedConnection(), handle);
        session = new SessionCommands(env, client, VERSION, null, serverKey);
        queues = new QueueCommands(session);
        messages = new MessageCommands(session);
        notifiers = new NotifierCommands(session);
        links = new LinkCommands(session);
        forwarded = new ForwardedCommands(session);
    }

    /** NEW of a queue of the given kind (null: no queue request data), subscribing or not. */
    BrokerMessage.Ids newQueue(QueueRequestData data, SubscriptionMode mode) {
        Reply reply = queues.createQueue(new CorrId(new byte[] {1}), EntityId.NONE, new NewQueueRequest(
                recipientKey.publicKey(), recipientDhKey.publicKey(), null, mode, data, null));
        return (BrokerMessage.Ids) reply.message();
    }

    StoreQueue queue(EntityId recipientId) {
        return env.queueStore.findByRecipient(recipientId);
    }

    /** A connection the families never touch: reading or writing it is a test failure. */
    private static final class UnusedConnection implements TlsConnection {
        @Override
        public String alpn() {
            return "smp/1";
        }

        @Override
        public byte[] sessionId() {
            return new byte[32];
        }

        @Override
        public List<X509Certificate> peerCertificates() {
            return List.of();
        }

        @Override
        public String serverName() {
            return null;
        }

        @Override
        public InputStream input() {
            throw new AssertionError("the command families do not read the connection");
        }

        @Override
        public OutputStream output() {
            throw new AssertionError("the command families do not write the connection");
        }

        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 0);
        }

        @Override
        public void close() {}
    }
}
