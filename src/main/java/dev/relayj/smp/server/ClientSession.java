package dev.relayj.smp.server;

import dev.relayj.encoding.SmpWriter;
import dev.relayj.smp.protocol.Batch;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.ServerTransmission;
import dev.relayj.smp.protocol.TransmissionParams;
import dev.relayj.smp.protocol.Transmissions;
import dev.relayj.tls.TlsConnection;
import dev.relayj.transport.BlockTransport;
import dev.relayj.transport.PeerClientService;
import dev.relayj.transport.SmpServerHandle;
import dev.relayj.transport.TransportException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection after the SMP handshake ({@code Client} and {@code runClientTransport} in
 * Server.hs). The connection's own thread receives blocks, verifies and processes their commands and
 * puts the responses in a bounded send queue; a writer thread sends them in blocks, and a second
 * writer, started when first needed, sends messages that followed a batch of subscriptions. When a client does not read, its
 * queue fills and only its own receiving waits; deliveries from other clients to a full queue wait
 * in threads of their own, as in the reference.
 */
final class ClientSession {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());
    /** Up to this many responses share a block with the first message SUB delivers (Server.hs {@code send}). */
    private static final int REPLIES_WITH_MESSAGE = 4;

    private final long id;
    private final RelayEnv env;
    private final TlsConnection connection;
    private final SmpServerHandle handle;
    private final TransmissionParams params;
    private final ArrayBlockingQueue<Outgoing> sendQueue;
    /** Made with its writer thread when first needed: most connections never have one. */
    private volatile ArrayBlockingQueue<List<Reply>> messageQueue;
    private final ConcurrentHashMap<EntityId, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Set<EntityId> ntfSubscriptions = ConcurrentHashMap.newKeySet();
    private final Set<Thread> forkedThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong rcvActiveAt;
    private final AtomicLong sndActiveAt;
    private final long createdAt;
    private volatile boolean connected = true;

    ClientSession(RelayEnv env, TlsConnection connection, SmpServerHandle handle) {
        this.id = env.nextClientId();
        this.env = env;
        this.connection = connection;
        this.handle = handle;
        this.params = TransmissionParams.forVersion(handle.params().version(), handle.params().sessionId());
        this.sendQueue = new ArrayBlockingQueue<>(env.tuning.clientQueueSize());
        long now = env.nowSeconds();
        this.rcvActiveAt = new AtomicLong(now);
        this.sndActiveAt = new AtomicLong(now);
        this.createdAt = now;
    }

    /** What the control port and metrics show of this client; the control adapter makes its rows of it. */
    Snapshot snapshot() {
        ArrayBlockingQueue<List<Reply>> messages = messageQueue;
        return new Snapshot(id, connection.sessionId(), connected, createdAt, rcvActiveAt.get(), sndActiveAt.get(),
                subscriptions.size(), sendQueue.size(), messages == null ? 0 : messages.size());
    }

    /**
     * One client at one moment. The receive queue is not counted: commands run as they are read.
     *
     * @param sessionId the TLS session id
     */
    record Snapshot(long id, byte[] sessionId, boolean connected, long createdAtSeconds, long rcvActiveAtSeconds,
            long sndActiveAtSeconds, int subscriptions, int sendQueueLength, int messageQueueLength) {}

    long id() {
        return id;
    }

    int version() {
        return params.version();
    }

    SmpServerHandle handle() {
        return handle;
    }

    /** The service of this session, or null for an ordinary client. */
    PeerClientService service() {
        return handle.auth().peerClientService();
    }

    boolean connected() {
        return connected;
    }

    Map<EntityId, Subscription> subscriptions() {
        return subscriptions;
    }

    Set<EntityId> ntfSubscriptions() {
        return ntfSubscriptions;
    }

    /** The latest time (epoch seconds) a block was received or sent. */
    long lastActiveAt() {
        return Math.max(rcvActiveAt.get(), sndActiveAt.get());
    }

    /** Serves the connection until it ends; then its subscriptions end too. */
    void run() {
        env.addClient(this);
        Thread writer = Thread.ofVirtual().name("smp-client-" + id + "-send").start(this::sendLoop);
        try {
            receiveLoop();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "client " + id + " disconnected: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connected = false;
            connection.close();
            writer.interrupt();
            disconnected();
        }
    }

    /** Closes the connection; its own thread then cleans up. */
    void close() {
        connection.close();
    }

    private void receiveLoop() throws IOException, InterruptedException {
        CommandProcessor processor = new CommandProcessor(env, this);
        while (true) {
            List<ServerTransmission> transmissions;
            try {
                transmissions = Transmissions.decodeServerBlock(params, handle.transport().receiveBlockView());
            } catch (TransportException e) {
                // a block that does not decrypt or unpad ({@code tGetBlock}) is answered as a bad block
                transmissions = List.of(new ServerTransmission.Refused(CorrId.NONE, EntityId.NONE, ErrorType.Simple.BLOCK));
            }
            if (!env.commands.enter()) {
                throw new IOException("server stopped");
            }
            CommandProcessor.BlockResult result;
            try {
                rcvActiveAt.set(env.nowSeconds());
                result = processor.processBlock(transmissions);
            } finally {
                env.commands.exit();
            }
            if (!result.errors().isEmpty()) {
                sendQueue.put(Outgoing.of(result.errors()));
            }
            if (!result.replies().isEmpty()) {
                sendQueue.put(new Outgoing(result.replies(), result.messages()));
            }
        }
    }

    /** Queues outgoing transmissions unless the queue is full. */
    boolean offer(Outgoing outgoing) {
        return sendQueue.offer(outgoing);
    }

    /** Queues outgoing transmissions, waiting for room; the caller is not the connection's own thread. */
    void put(Outgoing outgoing) throws InterruptedException {
        sendQueue.put(outgoing);
    }

    /** Queues from a thread of its own when the queue is full, then runs {@code afterSent} ({@code forkClient}). */
    void forkSend(Outgoing outgoing, Runnable afterSent) {
        fork("smp-client-" + id + "-pending", () -> {
            sendQueue.put(outgoing);
            afterSent.run();
        });
    }

    /** Runs an action in a thread that ends when the client disconnects. */
    Thread fork(String name, InterruptibleAction action) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                action.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                forkedThreads.remove(Thread.currentThread());
            }
        });
        forkedThreads.add(thread);
        thread.start();
        if (!connected) {
            thread.interrupt();
        }
        return thread;
    }

    @FunctionalInterface
    interface InterruptibleAction {
        void run() throws InterruptedException;
    }

    /** The subscription was taken by another client or its queue deleted ({@code endSub}). */
    void endSubscription(Subscribers.Kind kind, EntityId queueId) {
        if (kind == Subscribers.Kind.MESSAGES) {
            Subscription sub = subscriptions.remove(queueId);
            if (sub != null) {
                sub.cancel();
            }
        } else {
            ntfSubscriptions.remove(queueId);
        }
    }

    boolean hasSubscriptions(Subscribers.Kind kind) {
        return kind == Subscribers.Kind.MESSAGES ? !subscriptions.isEmpty() : !ntfSubscriptions.isEmpty();
    }

    private void sendLoop() {
        try {
            while (true) {
                Outgoing outgoing = sendQueue.take();
                List<Reply> messages = outgoing.messages();
                if (messages.isEmpty()) {
                    send(outgoing.replies());
                } else if (outgoing.replies().size() <= REPLIES_WITH_MESSAGE) {
                    List<Reply> first = new ArrayList<>(outgoing.replies());
                    first.add(messages.get(0));
                    send(first);
                    if (messages.size() > 1) {
                        queueMessages(messages.subList(1, messages.size()));
                    }
                } else {
                    send(outgoing.replies());
                    queueMessages(messages);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            connection.close();
        }
    }

    /**
     * Messages that follow a batch of subscriptions go through a queue and writer of their own
     * ({@code msgQ} in Server.hs), started the first time there are any; the writer ends with the
     * connection like every forked thread. Called by the send loop only.
     */
    private void queueMessages(List<Reply> messages) throws InterruptedException {
        ArrayBlockingQueue<List<Reply>> queue = messageQueue;
        if (queue == null) {
            queue = new ArrayBlockingQueue<>(env.tuning.clientQueueSize());
            messageQueue = queue;
            ArrayBlockingQueue<List<Reply>> started = queue;
            fork("smp-client-" + id + "-msg", () -> sendMessagesLoop(started));
        }
        queue.put(messages);
    }

    private void sendMessagesLoop(ArrayBlockingQueue<List<Reply>> queue) throws InterruptedException {
        try {
            while (true) {
                for (Reply message : queue.take()) {
                    send(List.of(message));
                }
            }
        } catch (IOException e) {
            connection.close();
        }
    }

    /**
     * {@code tSend}: batches the transmissions into blocks; the transport serialises the writers.
     * Each block is written in a pooled buffer, messages encrypted straight into it.
     */
    private void send(List<Reply> replies) throws IOException {
        byte[][] heads = new byte[replies.size()][];
        int[] lengths = new int[replies.size()];
        for (int i = 0; i < heads.length; i++) {
            Reply reply = replies.get(i);
            if (reply instanceof Reply.Delivery delivery) {
                heads[i] = Transmissions.encodeMessageHead(params, delivery.corrId(), delivery.entityId(), delivery.msgId());
                lengths[i] = heads[i].length + Reply.Delivery.ENCRYPTED_LENGTH;
            } else {
                heads[i] = Transmissions.encodeResponse(params, reply.corrId(), reply.entityId(), reply.message());
                lengths[i] = heads[i].length;
            }
        }
        for (Batch batch : Transmissions.batch(MessageLimits.BLOCK_SIZE, lengths)) {
            switch (batch) {
                case Batch.Block block -> sendBlock(block, replies, heads, lengths);
                case Batch.TooLarge tooLarge -> LOG.log(Level.WARNING, "client " + id + ": response too large: "
                        + replies.get(tooLarge.index()).message().tag());
            }
        }
        sndActiveAt.set(env.nowSeconds());
    }

    private void sendBlock(Batch.Block block, List<Reply> replies, byte[][] heads, int[] lengths) throws IOException {
        BlockTransport transport = handle.transport();
        byte[] buffer = env.blockBuffers.take();
        try {
            int payloadOffset = transport.payloadOffset();
            SmpWriter content = SmpWriter.into(buffer, payloadOffset);
            content.writeByte(block.count());
            for (int index : block.indexes()) {
                content.writeWord16(lengths[index]).writeRaw(heads[index]);
                if (replies.get(index) instanceof Reply.Delivery delivery) {
                    delivery.encryptInto(buffer, content.reserve(Reply.Delivery.ENCRYPTED_LENGTH));
                }
            }
            transport.sendBlockInPlace(buffer, content.size());
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "client " + id + ": block not sent: " + e.getMessage());
        } finally {
            env.blockBuffers.give(buffer);
        }
    }

    /** {@code clientDisconnected}. */
    private void disconnected() {
        Map<EntityId, Subscription> subs = Map.copyOf(subscriptions);
        subscriptions.clear();
        Set<EntityId> ntfSubs = Set.copyOf(ntfSubscriptions);
        ntfSubscriptions.clear();
        subs.values().forEach(Subscription::cancel);
        env.removeClient(this);
        if (env.active.get()) {
            env.subscribers.clientDisconnected(this, subs.keySet());
            env.ntfSubscribers.clientDisconnected(this, ntfSubs);
            env.ntfServices.clientDisconnected(this);
            env.rcvServices.clientDisconnected(this);
        }
        forkedThreads.forEach(Thread::interrupt);
    }
}
