package dev.relayj.xftp.server;

import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.encoding.VersionRange;
import dev.relayj.http2.Http2Handler;
import dev.relayj.http2.Http2Request;
import dev.relayj.http2.Http2Response;
import dev.relayj.protocol.CorrId;
import dev.relayj.web.StaticFileServer;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.FileResponse;
import dev.relayj.xftp.protocol.ServerTransmission;
import dev.relayj.xftp.protocol.XftpBlock;
import dev.relayj.xftp.protocol.XftpClientHandshake;
import dev.relayj.xftp.protocol.XftpClientHello;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import dev.relayj.xftp.protocol.XftpServerHandshake;
import dev.relayj.xftp.protocol.XftpTransmissions;
import dev.relayj.xftp.protocol.XftpVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client connection: its TLS facts, its handshake state and its last activity. Serves every
 * HTTP/2 request of the connection as the request handler of {@code runServer} in
 * {@code FileTransfer/Server.hs} does:
 * <ul>
 * <li>OPTIONS on a connection that used the web certificate: the CORS preflight;</li>
 * <li>GET on such a connection: the static site, if there is one;</li>
 * <li>no ALPN: an XFTP command at version 1 without handshake;</li>
 * <li>ALPN {@code xftp/1} or {@code http/1.1}, or {@code h2} with the web certificate: the handshake
 *     (native: empty hello, then the client's handshake block; web: {@code xftp-web-hello} with a
 *     challenge, then {@code xftp-handshake}), then XFTP commands;</li>
 * <li>any other ALPN ({@code h2} without SNI): an empty 200.</li>
 * </ul>
 */
final class XftpConnection implements Http2Handler {
    /** Version of a transmission before (or without) the handshake ({@code VersionXFTP 1}). */
    private static final int INITIAL_VERSION = XftpVersions.INITIAL_XFTP_VERSION;
    private static final String HTTP_ALPN_11 = "http/1.1";
    private static final int FILE_CHUNK = 16384;

    private final FileService files;
    private final ServerIdentity identity;
    private final VersionRange serverVersions;
    private final Optional<StaticFileServer> site;
    private final SecureRandom random;
    private final Clock clock;
    private final byte[] sessionId;
    private final String alpn;
    private final boolean sniUsed;
    private final boolean addCors;
    private final AtomicLong lastActiveMillis;
    private final Runnable setupDone;
    private final ReentrantLock lock = new ReentrantLock();
    private Session session;

    /**
     * @param addCors whether CORS headers go with responses of this connection:
     *     the web certificate was used, and the port has one ({@code sniUsed && addCORSHeaders})
     * @param setupDone called once the connection is past its handshake (the setup deadline ends)
     */
    XftpConnection(FileService files, ServerIdentity identity, VersionRange serverVersions, Optional<StaticFileServer> site,
            SecureRandom random, Clock clock, byte[] sessionId, String alpn, boolean sniUsed, boolean addCors,
            Runnable setupDone) {
        this.setupDone = setupDone;
        this.files = files;
        this.identity = identity;
        this.serverVersions = serverVersions;
        this.site = site;
        this.random = random;
        this.clock = clock;
        this.sessionId = sessionId.clone();
        this.alpn = alpn;
        this.sniUsed = sniUsed;
        this.addCors = addCors;
        this.lastActiveMillis = new AtomicLong(clock.millis());
    }

    /** When the client last sent a request (the reference's {@code activeAt}). */
    long lastActiveMillis() {
        return lastActiveMillis.get();
    }

    @Override
    public void handle(Http2Request request, Http2Response response) throws IOException {
        lastActiveMillis.set(clock.millis());
        try {
            serve(request, response);
        } finally {
            // a hello answered, the client's handshake still to come: the setup deadline keeps running
            if (!(session() instanceof Session.HandshakeSent)) {
                setupDone.run();
            }
        }
    }

    private void serve(Http2Request request, Http2Response response) throws IOException {
        String method = request.method();
        if (method.equals("OPTIONS") && addCors) {
            Cors.preflight(response).send(new byte[0]);
            return;
        }
        if (method.equals("GET") && sniUsed) {
            if (site.isEmpty() || !site.get().serveIfPresent(request, response)) {
                // the reference sends nothing then; an empty 404 ends the stream cleanly
                response.status(404).send(new byte[0]);
            }
            return;
        }
        RequestBody body = RequestBody.read(request.body());
        if (alpn == null) {
            processCommand(body, INITIAL_VERSION, null, response);
        } else if (alpn.equals(XftpVersions.XFTP_ALPN_V1) || alpn.equals(HTTP_ALPN_11) || (sniUsed && alpn.equals("h2"))) {
            Session.HandshakeAccepted accepted = handshake(request, body, response);
            if (accepted != null) {
                processCommand(body, accepted.version(), accepted.sessionKey(), response);
            }
        } else {
            Cors.addTo(response, addCors).send(new byte[0]);
        }
    }

    /**
     * {@code xftpServerHandshakeV1}: answers a hello or a client handshake and returns null, or
     * returns the accepted session for a command.
     */
    private Session.HandshakeAccepted handshake(Http2Request request, RequestBody body, Http2Response response)
            throws IOException {
        boolean webHello = sniUsed && request.hasHeader("xftp-web-hello");
        boolean webHandshake = sniUsed && request.hasHeader("xftp-handshake");
        Session current = session();
        try {
            switch (current) {
                case null -> {
                    if (sniUsed && !webHello) {
                        throw new XftpException(XftpError.SESSION);
                    }
                    hello(body, null, response);
                }
                case Session.HandshakeSent sent -> {
                    if (webHello) {
                        hello(body, sent.sessionKey(), response);
                    } else {
                        clientHandshake(body, sent.sessionKey(), response);
                    }
                }
                case Session.HandshakeAccepted accepted -> {
                    if (webHello) {
                        hello(body, accepted.sessionKey(), response);
                    } else if (webHandshake) {
                        clientHandshake(body, accepted.sessionKey(), response);
                    } else {
                        return accepted;
                    }
                }
            }
        } catch (XftpException e) {
            sendPadded(response, e.error().encode().getBytes(StandardCharsets.US_ASCII));
        }
        return null;
    }

    /** The server's handshake, with a signed answer to a web challenge if there is one. */
    private void hello(RequestBody body, X25519PrivateKey previousKey, Http2Response response)
            throws IOException, XftpException {
        byte[] challenge = null;
        if (!body.isEmpty()) {
            if (!sniUsed) {
                throw new XftpException(XftpError.HANDSHAKE);
            }
            challenge = XftpClientHello.fromPadded(body.head()).webChallenge();
        }
        X25519PrivateKey key;
        lock.lock();
        try {
            if (session instanceof Session.HandshakeSent sent) {
                key = sent.sessionKey();
            } else {
                key = previousKey != null ? previousKey : X25519PrivateKey.generate(random);
                session = new Session.HandshakeSent(key);
            }
        } finally {
            lock.unlock();
        }
        byte[] proof = challenge == null ? null : identity.sign(XftpClientHello.identityProofMessage(challenge, sessionId));
        XftpServerHandshake handshake = new XftpServerHandshake(serverVersions, sessionId, identity.chain(),
                identity.signSessionKey(key.publicKey()), proof);
        sendPadded(response, handshake.encode());
    }

    /** Accepts the client's version and CA fingerprint; an empty 200 says so. */
    private void clientHandshake(RequestBody body, X25519PrivateKey key, Http2Response response)
            throws IOException, XftpException {
        XftpClientHandshake handshake = XftpClientHandshake.fromBlock(body.head());
        if (!Arrays.equals(handshake.keyHash(), identity.keyHash())) {
            throw new XftpException(XftpError.HANDSHAKE);
        }
        int version = handshake.version();
        if (version < serverVersions.min() || version > serverVersions.max()) {
            throw new XftpException(XftpError.HANDSHAKE);
        }
        lock.lock();
        try {
            session = new Session.HandshakeAccepted(key, version);
        } finally {
            lock.unlock();
        }
        Cors.addTo(response, addCors).send(new byte[0]);
    }

    /** {@code processRequest}: one command block, and the chunk after the answer to FGET. */
    private void processCommand(RequestBody body, int version, X25519PrivateKey sessionKey, Http2Response response)
            throws IOException {
        if (!body.isFullBlock()) {
            sendResponse(response, CorrId.NONE, EntityId.NONE, new FileResponse.Err(XftpError.BLOCK), version, null);
            return;
        }
        switch (XftpTransmissions.decodeServer(body.head(), sessionId)) {
            case ServerTransmission.Rejected r ->
                    sendResponse(response, r.corrId(), r.entityId(), new FileResponse.Err(r.error()), version, null);
            case ServerTransmission.Command c -> {
                FileService.Outcome outcome = files.process(c, sessionKey, body);
                sendResponse(response, c.corrId(), c.entityId(), outcome.response(), version, outcome.file());
            }
        }
    }

    private void sendResponse(Http2Response response, CorrId corrId, EntityId entityId, FileResponse fileResponse,
            int version, FileService.ServedFile file) throws IOException {
        byte[] block;
        try {
            block = XftpTransmissions.encodeResponse(sessionId, corrId, entityId, fileResponse, version);
        } catch (XftpException e) {
            // as the reference's streamBody for a response that does not fit a block
            Cors.addTo(response, addCors).send("padding error".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        Cors.addTo(response, addCors);
        if (file == null) {
            response.send(block);
            return;
        }
        try (OutputStream out = response.body(); InputStream in = Files.newInputStream(file.path())) {
            out.write(block);
            byte[] buffer = new byte[FILE_CHUNK];
            long remaining = file.size();
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new IOException("file " + file.path() + " is shorter than its size");
                }
                file.box().encrypt(buffer, 0, read, buffer, 0);
                out.write(buffer, 0, read);
                remaining -= read;
            }
            out.write(file.box().authTag());
        }
    }

    private void sendPadded(Http2Response response, byte[] content) throws IOException {
        byte[] block;
        try {
            block = XftpBlock.pad(content);
        } catch (XftpException e) {
            throw new IllegalStateException("handshake does not fit a block", e);
        }
        Cors.addTo(response, addCors).send(block);
    }

    private Session session() {
        lock.lock();
        try {
            return session;
        } finally {
            lock.unlock();
        }
    }
}
