package dev.relayj.smp.client;

import dev.relayj.crypto.AuthPrivateKey;
import dev.relayj.crypto.CbAuthenticator;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.CryptoException;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed448PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.encoding.VersionRange;
import dev.relayj.protocol.Authorization;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.ForwardedResponse;
import dev.relayj.smp.protocol.ForwardedTransmission;
import dev.relayj.smp.protocol.NetworkError;
import dev.relayj.smp.protocol.Parsed;
import dev.relayj.smp.protocol.ProxyError;
import dev.relayj.smp.protocol.BrokerErrorType;
import dev.relayj.smp.protocol.RawTransmission;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.protocol.TransmissionAuth;
import dev.relayj.smp.protocol.TransmissionParams;
import dev.relayj.smp.protocol.Transmissions;
import dev.relayj.smp.protocol.TransportHost;
import dev.relayj.socks.SocksCredentials;
import dev.relayj.tls.ClientTlsConnection;
import dev.relayj.transport.CertChainPubKey;
import dev.relayj.transport.ClientAuth;
import dev.relayj.transport.ClientHandshakeConfig;
import dev.relayj.transport.SmpClientHandle;
import dev.relayj.transport.SmpClientHandshaker;
import dev.relayj.transport.SmpSessionParams;
import dev.relayj.transport.SmpVersions;
import dev.relayj.transport.TransportError;
import dev.relayj.transport.TransportException;
import dev.relayj.transport.TransportLink;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One SMP connection to a relay, as a client ({@code ProtocolClient} and {@code getProtocolClient}
 * in simplexmq's {@code Client.hs}). Any thread may send commands; each waits for the response with
 * the same correlation id.
 *
 * <p>Threads, all owned and stopped by {@link #close()}: a reader that dispatches responses to the
 * waiting callers and everything else to the {@link ServerEventListener}; a writer that takes blocks
 * from a bounded queue, so that a caller never blocks on a slow socket beyond its timeout; a monitor
 * that sends PING once subscriptions exist, and drops a connection whose commands keep timing out.
 * The connection closes itself when the relay closes or a block cannot be read.
 */
public final class SmpClient implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** As the reference: pings are not put off for less than a second of recent traffic. */
    private static final long PING_DELAY_THRESHOLD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SmpServerAddress server;
    private final TransportHost host;
    private final SmpClientConfig config;
    private final ClientTlsConnection tls;
    private final SmpClientHandle handle;
    private final TransmissionParams params;
    private final ServerEventListener listener;
    private final Consumer<SmpClient> onClose;
    private final Map<CorrId, Pending> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Outgoing> sendQueue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean sendPings = new AtomicBoolean();
    private final AtomicInteger timeoutErrorCount = new AtomicInteger();
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile SmpClientError closeReason;
    private Thread reader;
    private Thread writer;
    private Thread monitor;

    private record Pending(EntityId entityId, CompletableFuture<BrokerMessage> response) {}

    private record Outgoing(byte[] content, Pending request) {}

    private SmpClient(SmpServerAddress server, TransportHost host, SmpClientConfig config, ClientTlsConnection tls,
            SmpClientHandle handle, ServerEventListener listener, Consumer<SmpClient> onClose) {
        this.server = server;
        this.host = host;
        this.config = config;
        this.tls = tls;
        this.handle = handle;
        this.params = TransmissionParams.forVersion(handle.params().version(), handle.params().sessionId());
        this.listener = listener;
        this.onClose = onClose;
        this.sendQueue = new ArrayBlockingQueue<>(config.sendQueueSize());
    }

    /**
     * Connects to the relay: chooses the host, opens TCP (through SOCKS as the settings say), TLS and
     * the SMP handshake, all within the connect timeout, then starts the connection's threads.
     *
     * @param socksCredentials for the SOCKS proxy ({@link SocksIsolation#credentials}), or null
     * @param onClose called once when the connection ends, however it ends
     */
    public static SmpClient connect(SmpServerAddress server, SmpClientConfig config, SocksCredentials socksCredentials,
            ServerEventListener listener, Consumer<SmpClient> onClose) throws SmpClientException {
        TransportHost host = config.network().chooseHost(server.hosts());
        long deadline = System.nanoTime() + config.network().connectTimeout().toNanos();
        AtomicReference<ClientTlsConnection> opened = new AtomicReference<>();
        CompletableFuture<SmpClient> result = new CompletableFuture<>();
        Thread connecting = Thread.ofVirtual().name("smp-connect").start(() -> {
            try {
                ClientTlsConnection tls = RelayConnection.open(server, host, config, socksCredentials, deadline);
                opened.set(tls);
                SmpClientHandle handle = handshake(server, config, tls);
                result.complete(new SmpClient(server, host, config, tls, handle, listener, onClose));
            } catch (SmpClientException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            SmpClient client = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            client.start();
            return client;
        } catch (TimeoutException e) {
            abandon(connecting, opened);
            throw new SmpClientException(SmpClientError.network(NetworkError.Simple.TIMEOUT,
                    "connecting to " + server + " timed out"));
        } catch (InterruptedException e) {
            abandon(connecting, opened);
            Thread.currentThread().interrupt();
            throw new SmpClientException(SmpClientError.network(NetworkError.Simple.FAILED, "interrupted"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SmpClientException failure) {
                throw failure;
            }
            throw new IllegalStateException("connecting to " + server + " failed", e.getCause());
        }
    }

    /** Stops a connection attempt that ran out of time: closing the connection ends its blocked I/O. */
    private static void abandon(Thread connecting, AtomicReference<ClientTlsConnection> opened) {
        connecting.interrupt();
        ClientTlsConnection tls = opened.get();
        if (tls != null) {
            tls.close();
        }
    }

    private static SmpClientHandle handshake(SmpServerAddress server, SmpClientConfig config, ClientTlsConnection tls)
            throws SmpClientException {
        TransportLink link = new TransportLink(tls.input(), tls.output(), tls.sessionId(), tls.alpn(), tls.serverCertificates());
        ClientHandshakeConfig handshake = new ClientHandshakeConfig(server.keyHash(), config.versionRange(),
                config.proxyServer(), X25519PrivateKey.generate(RANDOM), null, null);
        try {
            return SmpClientHandshaker.handshake(link, handshake);
        } catch (TransportException e) {
            tls.close();
            throw new SmpClientException(SmpClientError.transport(e.error()));
        } catch (IOException e) {
            tls.close();
            throw new SmpClientException(SmpClientError.network(new NetworkError.Detailed(NetworkError.Kind.CONNECT, e.toString()),
                    "SMP handshake with " + server + ": " + e));
        }
    }

    private void start() {
        String name = "smp-client " + host.text();
        reader = Thread.ofVirtual().name(name + " reader").start(this::readLoop);
        writer = Thread.ofVirtual().name(name + " writer").start(this::writeLoop);
        monitor = Thread.ofVirtual().name(name + " monitor").start(this::monitorLoop);
    }

    public SmpServerAddress server() {
        return server;
    }

    /** The host of the address this connection went to. */
    public TransportHost host() {
        return host;
    }

    public byte[] sessionId() {
        return handle.params().sessionId();
    }

    public int version() {
        return handle.params().version();
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Why the connection ended, or null while it is open or when it was closed by its owner. */
    public SmpClientError closeReason() {
        return closeReason;
    }

    /** Lets the monitor send PING: subscriptions must be kept alive ({@code enablePings}). */
    public void enablePings() {
        sendPings.set(true);
    }

    /**
     * Sends a command and waits for its response ({@code sendProtocolCommand}), with the command
     * timeout. An {@code ERR} response is thrown as {@link SmpClientError.Protocol}.
     *
     * @param key the entity's private key to authorize the command with, or null
     */
    public BrokerMessage sendCommand(EntityId entityId, Command command, AuthPrivateKey key) throws SmpClientException {
        return sendCommand(null, config.network().commandTimeout(), entityId, command, key);
    }

    /**
     * {@code sendProtocolCommand_}: as {@link #sendCommand(EntityId, Command, AuthPrivateKey)} with
     * the nonce that is also the correlation id (random when null) and an own timeout.
     */
    public BrokerMessage sendCommand(CbNonce nonceOrNull, Duration timeout, EntityId entityId, Command command,
            AuthPrivateKey key) throws SmpClientException {
        if (command instanceof Command.Sub || command instanceof Command.NSub || command instanceof Command.Subs
                || command instanceof Command.NSubs) {
            enablePings();
        }
        CbNonce nonce = nonceOrNull == null ? CbNonce.random(RANDOM) : nonceOrNull;
        CorrId corrId = new CorrId(nonce.bytes());
        Transmissions.ForAuth encoded = Transmissions.encodeForAuth(params, corrId, entityId, command);
        Authorization authorization = key == null ? null : new Authorization(authorize(key, nonce, encoded.forAuth()));
        byte[] transmission = Transmissions.withAuthorization(params.serviceAuth(), authorization, encoded.toSend());
        // tEncodeBatch1: a batch of one, as the reference sends every single command
        byte[] content = new SmpWriter(transmission.length + 3).writeByte(1).writeLarge(transmission).toByteArray();
        if (content.length > params.blockSize() - 2) {
            throw new SmpClientException(new SmpClientError.Transport(TransportError.Simple.LARGE_MSG));
        }
        Pending request = new Pending(entityId, new CompletableFuture<>());
        if (pending.putIfAbsent(corrId, request) != null) {
            throw new IllegalArgumentException("correlation id in use: " + corrId);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (closed.get()) {
                throw closedError();
            }
            if (!sendQueue.offer(new Outgoing(content, request), timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                pending.remove(corrId, request);
                timeoutErrorCount.incrementAndGet();
                throw new SmpClientException(new SmpClientError.ResponseTimeout());
            }
            if (closed.get() && pending.remove(corrId, request)) {
                throw closedError();
            }
            return awaitResponse(corrId, request, deadline);
        } catch (InterruptedException e) {
            pending.remove(corrId, request);
            Thread.currentThread().interrupt();
            throw new SmpClientException(SmpClientError.network(NetworkError.Simple.FAILED, "interrupted"));
        }
    }

    private BrokerMessage awaitResponse(CorrId corrId, Pending request, long deadline)
            throws SmpClientException, InterruptedException {
        try {
            BrokerMessage response = request.response().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            timeoutErrorCount.set(0);
            return response;
        } catch (TimeoutException e) {
            if (pending.remove(corrId, request)) {
                timeoutErrorCount.incrementAndGet();
                throw new SmpClientException(new SmpClientError.ResponseTimeout());
            }
            // the reader took the request just now: its answer is being delivered (getResponse's second look)
            return awaitResponse(corrId, request, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SmpClientException failure) {
                if (!(failure.error() instanceof SmpClientError.Network)) {
                    timeoutErrorCount.set(0);
                }
                throw new SmpClientException(failure.error());
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code authTransmission}: a signature with Ed25519/Ed448 keys, an authenticator with X25519 ones. */
    private TransmissionAuth authorize(AuthPrivateKey key, CbNonce nonce, byte[] forAuth) throws SmpClientException {
        return switch (key) {
            case Ed25519PrivateKey ed25519 -> new TransmissionAuth.Signature(ed25519.sign(forAuth).bytes());
            case Ed448PrivateKey ed448 -> new TransmissionAuth.Signature(ed448.sign(forAuth).bytes());
            case X25519PrivateKey x25519 -> {
                ClientAuth auth = handle.auth();
                if (auth == null) {
                    throw new SmpClientException(new SmpClientError.Transport(TransportError.Simple.NO_AUTH));
                }
                yield new TransmissionAuth.Authenticator(
                        CbAuthenticator.create(auth.peerServerPublicKey(), x25519, nonce, forAuth).bytes());
            }
        };
    }

    /**
     * The relay's answer to a client's PRXY for this destination relay ({@code proxyResp} in
     * {@code Server.hs}): PKEY with this session's id, the version range capped at v17 and the
     * destination's certificate chain and signed session key; or ERR when the destination is too
     * old or sent no key.
     */
    public BrokerMessage proxiedRelayKey() {
        SmpSessionParams session = handle.params();
        VersionRange range = session.serverVersionRange().intersect(SmpVersions.PROXIED_SMP_RELAY_VRANGE);
        if (range == null || session.version() < SmpVersions.SENDING_PROXY_SMP_VERSION) {
            return BrokerMessage.err(proxyTransportError(TransportError.Simple.VERSION));
        }
        ClientAuth auth = handle.auth();
        if (auth == null) {
            return BrokerMessage.err(proxyTransportError(TransportError.Simple.NO_AUTH));
        }
        CertChainPubKey certKey = auth.peerServerCertKey();
        return new BrokerMessage.Pkey(session.sessionId(), range, certKey);
    }

    private static ErrorType proxyTransportError(TransportError error) {
        return new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Transport(error)));
    }

    /**
     * Forwards a client's PFWD transmission to this relay as RFWD and returns the relay's response
     * for the client, still encrypted to it ({@code forwardSMPTransmission} in {@code Client.hs}).
     * The proxy answers its client {@code PRES} with it.
     */
    public byte[] forwardTransmission(CorrId clientCorrId, int clientVersion, X25519PublicKey clientKey,
            byte[] encryptedTransmission) throws SmpClientException {
        ClientAuth auth = handle.auth();
        X25519Secret secret = auth == null ? null : auth.sessionSecret();
        if (secret == null) {
            throw new SmpClientException(new SmpClientError.Transport(TransportError.Simple.NO_AUTH));
        }
        CbNonce nonce = CbNonce.random(RANDOM);
        byte[] forwarded = new ForwardedTransmission(clientCorrId, clientVersion, clientKey, encryptedTransmission).encode();
        byte[] encrypted = CryptoBox.cbEncryptNoPad(secret, nonce, forwarded);
        BrokerMessage response = sendCommand(nonce, config.network().commandTimeout(), EntityId.NONE,
                new Command.Rfwd(encrypted), null);
        if (!(response instanceof BrokerMessage.Rres rres)) {
            throw new SmpClientException(new SmpClientError.Unexpected(describe(response)));
        }
        byte[] decrypted;
        try {
            decrypted = CryptoBox.cbDecryptNoPad(secret, nonce.reversed(), rres.encryptedResponse());
        } catch (CryptoException e) {
            throw new SmpClientException(new SmpClientError.Crypto(e.getMessage()));
        }
        try {
            return ForwardedResponse.decode(decrypted).encryptedResponse();
        } catch (DecodingException e) {
            throw new SmpClientException(new SmpClientError.Response(ErrorType.Simple.BLOCK));
        }
    }

    private void writeLoop() {
        try {
            while (!closed.get()) {
                Outgoing outgoing = sendQueue.take();
                if (outgoing.request() != null && outgoing.request().response().isDone()) {
                    continue; // timed out while queued: the reference skips requests no longer pending
                }
                try {
                    handle.sendBlock(outgoing.content());
                } catch (TransportException e) {
                    failRequest(outgoing.request(), SmpClientError.transport(e.error()));
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (IOException e) {
            closeWith(SmpClientError.network(NetworkError.Simple.FAILED, "sending to " + server + ": " + e));
        }
    }

    private void failRequest(Pending request, SmpClientError error) {
        if (request != null) {
            pending.values().remove(request);
            request.response().completeExceptionally(new SmpClientException(error));
        }
    }

    private void readLoop() {
        try {
            while (!closed.get()) {
                byte[] block;
                try {
                    block = handle.receiveBlock();
                } catch (TransportException e) {
                    // a block that does not decrypt is consumed: report it and read on, as the reference's tGetClient
                    listener.onEvent(this, new ServerEvent.Unexpected(CorrId.NONE, EntityId.NONE,
                            SmpClientError.transport(e.error())));
                    continue;
                }
                lastReceivedNanos = System.nanoTime();
                timeoutErrorCount.set(0);
                for (Parsed<RawTransmission> parsed : Transmissions.parseBlock(params, block)) {
                    dispatch(Transmissions.decodeClient(params, parsed));
                }
            }
        } catch (IOException e) {
            closeWith(SmpClientError.network(NetworkError.Simple.FAILED, server + " closed the connection: " + e));
        } catch (RuntimeException e) {
            closeWith(SmpClientError.network(NetworkError.Simple.FAILED, "reading from " + server + " failed: " + e));
        }
    }

    /** {@code processMsg}: a response to its waiting caller, everything else to the listener. */
    private void dispatch(ClientTransmission transmission) {
        CorrId corrId = transmission.corrId();
        Parsed<BrokerMessage> message = transmission.message();
        if (corrId.isEmpty()) {
            ServerEvent event = message instanceof Parsed.Ok<BrokerMessage>(BrokerMessage m)
                    ? new ServerEvent.Message(transmission.entityId(), m)
                    : new ServerEvent.Unexpected(corrId, transmission.entityId(), new SmpClientError.Response(message.error()));
            listener.onEvent(this, event);
            return;
        }
        Pending request = pending.remove(corrId);
        if (request == null) {
            listener.onEvent(this, new ServerEvent.Unexpected(corrId, transmission.entityId(),
                    new SmpClientError.Unexpected(message.isOk() ? describe(message.value()) : "error")));
            return;
        }
        if (!request.entityId().equals(transmission.entityId())) {
            request.response().completeExceptionally(new SmpClientException(new SmpClientError.Unexpected(
                    message.isOk() ? describe(message.value()) : "error")));
            return;
        }
        switch (message) {
            case Parsed.Ok<BrokerMessage>(BrokerMessage.Err err) ->
                    request.response().completeExceptionally(new SmpClientException(new SmpClientError.Protocol(err.error())));
            case Parsed.Ok<BrokerMessage>(BrokerMessage m) -> request.response().complete(m);
            case Parsed.Failed<BrokerMessage>(ErrorType error) ->
                    request.response().completeExceptionally(new SmpClientException(new SmpClientError.Response(error)));
        }
    }

    /** The response's tag, at most 32 characters, as the reference's {@code unexpectedResponse} shows it. */
    static String describe(BrokerMessage message) {
        String tag = message.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
        return tag.length() > 32 ? tag.substring(0, 32) : tag;
    }

    /** {@code monitor}: pings while subscribed; drops a connection whose commands keep timing out. */
    private void monitorLoop() {
        NetworkSettings network = config.network();
        long interval = network.pingInterval().toNanos();
        long delay = interval;
        try {
            while (!closed.get()) {
                TimeUnit.NANOSECONDS.sleep(delay);
                long idle = System.nanoTime() - lastReceivedNanos;
                long remaining = interval - idle;
                if (remaining > Math.min(PING_DELAY_THRESHOLD_NANOS, interval / 2)) {
                    delay = remaining;
                    continue;
                }
                if (sendPings.get()) {
                    try {
                        sendCommand(EntityId.NONE, Command.PING, null);
                    } catch (SmpClientException e) {
                        // counted in timeoutErrorCount; the check below decides
                    }
                }
                int count = timeoutErrorCount.get();
                if (network.pingCount() > 0 && count >= network.pingCount()
                        && idle >= network.pingRecoverWindow().toNanos()) {
                    closeWith(new SmpClientError.ResponseTimeout());
                    return;
                }
                delay = interval;
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private SmpClientException closedError() {
        SmpClientError reason = closeReason;
        return new SmpClientException(reason != null ? reason
                : SmpClientError.network(NetworkError.Simple.FAILED, "connection to " + server + " is closed"));
    }

    private void closeWith(SmpClientError reason) {
        if (closed.get()) {
            return;
        }
        closeReason = reason;
        close();
    }

    /** Closes the connection: pending commands fail, threads stop, the close callback runs once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        tls.close();
        for (Thread thread : List.of(reader, writer, monitor)) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
        SmpClientException failure = closedError();
        for (CorrId corrId : List.copyOf(pending.keySet())) {
            Pending request = pending.remove(corrId);
            if (request != null) {
                request.response().completeExceptionally(failure);
            }
        }
        sendQueue.clear();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "SmpClient[" + server + " via " + host.text() + "]";
    }
}
