package dev.relayj.xftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.CbAuthenticator;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.PrivateKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.Signature;
import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.crypto.SignaturePublicKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.xftp.protocol.ClientTransmission;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.FileResponse;
import dev.relayj.xftp.protocol.XftpBlock;
import dev.relayj.xftp.protocol.XftpClientHandshake;
import dev.relayj.xftp.protocol.XftpClientHello;
import dev.relayj.xftp.protocol.XftpServerHandshake;
import dev.relayj.xftp.protocol.XftpTransmissions;
import dev.relayj.xftp.protocol.XftpVersions;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;

/**
 * An XFTP client for the tests, over any {@link Poster}: it does the native or the web handshake
 * and verifies what the server proves (chain fingerprint, signed session key, identity proof) as
 * simplexmq's {@code FileTransfer/Client.hs} and xftp-web's {@code identity.ts} do; it signs or
 * authenticates commands and reads responses with the protocol layer's client-side decoder.
 */
final class TestXftpClient implements java.io.Closeable {
    static final SecureRandom RANDOM = new SecureRandom();

    /** Sends one request body with headers, returns the status and the body. */
    interface Poster extends java.io.Closeable {
        Reply post(byte[] body, Map<String, String> headers) throws Exception;
    }

    record Reply(int status, byte[] body, Map<String, List<String>> headers) {}

    /** A decoded response and the bytes after its block (the encrypted chunk of FILE). */
    record Result(ClientTransmission transmission, byte[] rest) {
        FileResponse response() {
            return transmission.response();
        }
    }

    private final Poster poster;
    private byte[] sessionId;
    private X25519PublicKey serverSessionKey;
    private int version = XftpVersions.INITIAL_XFTP_VERSION;
    private int corrIds;

    TestXftpClient(Poster poster, byte[] sessionId) {
        this.poster = poster;
        this.sessionId = sessionId;
    }

    /** A native client: TLS with ALPN xftp/1, the HTTP/2 client of the tests, the native handshake. */
    static TestXftpClient connectNative(int port, byte[] keyHash) throws Exception {
        TestXftpClient client = openNative(port, List.of("xftp/1"), null);
        client.nativeHandshake(keyHash, XftpVersions.CURRENT_XFTP_VERSION);
        return client;
    }

    /** TLS with the given ALPN and SNI and HTTP/2, without any XFTP handshake. */
    static TestXftpClient openNative(int port, List<String> alpn, String sni) throws Exception {
        TestTls tls = TestTls.connect(port, alpn, sni);
        TestH2Client http2 = tls.http2();
        Poster poster = new Poster() {
            @Override
            public Reply post(byte[] body, Map<String, String> headers) throws Exception {
                TestH2Client.Response r = http2.post(body, headers);
                return new Reply(r.status(), r.body(), Map.of("raw", List.of(java.util.HexFormat.of().formatHex(r.otherHeaders()))));
            }

            @Override
            public void close() throws java.io.IOException {
                http2.close();
            }
        };
        return new TestXftpClient(poster, tls.sessionId());
    }

    /** Authenticates with this key as the server's session key, as a client that skipped the handshake. */
    void assumeServerSessionKey(X25519PublicKey key) {
        serverSessionKey = key;
    }

    byte[] sessionId() {
        return sessionId.clone();
    }

    int version() {
        return version;
    }

    Reply post(byte[] body, Map<String, String> headers) throws Exception {
        return poster.post(body, headers);
    }

    /** Empty hello, verified server handshake, client handshake at {@code version}. */
    XftpServerHandshake nativeHandshake(byte[] keyHash, int clientVersion) throws Exception {
        Reply hello = poster.post(new byte[0], Map.of());
        assertEquals(200, hello.status());
        XftpServerHandshake handshake = XftpServerHandshake.parse(XftpBlock.unpad(hello.body()));
        assertArrayEquals(sessionId, handshake.sessionId(), "session id is tls-unique");
        serverSessionKey = verifyServer(handshake, keyHash);
        Reply ack = poster.post(new XftpClientHandshake(clientVersion, keyHash).toBlock(), Map.of());
        assertEquals(200, ack.status());
        assertEquals(0, ack.body().length, "handshake accepted with an empty body");
        version = clientVersion;
        return handshake;
    }

    /** The web hello with a challenge; verifies the identity proof. Returns the handshake. */
    XftpServerHandshake webHello(byte[] keyHash) throws Exception {
        byte[] challenge = new byte[XftpClientHello.CHALLENGE_SIZE];
        RANDOM.nextBytes(challenge);
        Reply reply = poster.post(XftpBlock.pad(new XftpClientHello(challenge).encode()), Map.of("xftp-web-hello", "1"));
        assertEquals(200, reply.status());
        XftpServerHandshake handshake = XftpServerHandshake.parse(XftpBlock.unpad(reply.body()));
        sessionId = handshake.sessionId();
        serverSessionKey = verifyServer(handshake, keyHash);
        byte[] proof = handshake.webIdentityProof();
        assertTrue(proof != null, "identity proof sent for a challenge");
        assertTrue(leafKey(handshake).verify(Signature.fromBytes(proof),
                XftpClientHello.identityProofMessage(challenge, sessionId)), "identity proof verifies");
        return handshake;
    }

    /** The web client's handshake after {@link #webHello}. */
    Reply webHandshake(byte[] keyHash, int clientVersion) throws Exception {
        Reply ack = poster.post(new XftpClientHandshake(clientVersion, keyHash).toBlock(), Map.of("xftp-handshake", "1"));
        version = clientVersion;
        return ack;
    }

    /**
     * As the reference client checks the server: chain [leaf, CA] with the expected CA fingerprint,
     * session key signed by the leaf. Returns the session key.
     */
    static X25519PublicKey verifyServer(XftpServerHandshake handshake, byte[] keyHash) throws Exception {
        List<byte[]> chain = handshake.certChain();
        assertEquals(2, chain.size(), "chain is [server, CA]");
        assertArrayEquals(keyHash, Hashes.sha256(chain.get(1)), "CA fingerprint");
        ASN1Sequence signed = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(handshake.signedKey()));
        byte[] object = signed.getObjectAt(0).toASN1Primitive().getEncoded(ASN1Encoding.DER);
        byte[] signature = DERBitString.getInstance(signed.getObjectAt(2)).getOctets();
        assertTrue(leafKey(handshake).verify(Signature.fromBytes(signature), object), "session key signed by the server");
        byte[] spki = ASN1Sequence.getInstance(signed.getObjectAt(0)).getObjectAt(0).toASN1Primitive().getEncoded(ASN1Encoding.DER);
        return (X25519PublicKey) PublicKey.fromSpki(spki);
    }

    private static SignaturePublicKey leafKey(XftpServerHandshake handshake) throws Exception {
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(handshake.certChain().get(0)));
        return (SignaturePublicKey) PublicKey.fromSpki(leaf.getPublicKey().getEncoded());
    }

    /** Sends a command authorized by {@code key} (none when null), with a chunk after the block. */
    Result command(PrivateKey key, EntityId entity, FileCommand command, byte[] chunk) throws Exception {
        byte[] corrId = Integer.toString(++corrIds).getBytes();
        byte[] authorized = XftpTransmissions.authorizedBytes(sessionId, corrId, entity, command);
        byte[] authorization = switch (key) {
            case null -> new byte[0];
            case SignaturePrivateKey signKey -> signKey.sign(authorized).bytes();
            case X25519PrivateKey dhKey -> CbAuthenticator.create(serverSessionKey, dhKey, CbNonce.fitting(corrId), authorized).bytes();
            default -> throw new IllegalArgumentException("cannot authorize with " + key.algorithm());
        };
        byte[] block = XftpTransmissions.encodeCommand(authorization, sessionId, corrId, entity, command);
        byte[] body = chunk == null ? block : concat(block, chunk);
        return parse(poster.post(body, Map.of()), corrId);
    }

    Result parse(Reply reply, byte[] corrId) throws Exception {
        assertEquals(200, reply.status());
        byte[] body = reply.body();
        assertTrue(body.length >= XftpBlock.SIZE, "response has a whole block, got " + body.length + " bytes");
        ClientTransmission t = XftpTransmissions.decodeClient(Arrays.copyOf(body, XftpBlock.SIZE), sessionId);
        if (corrId != null) {
            assertArrayEquals(corrId, t.corrId().bytes());
        }
        return new Result(t, Arrays.copyOfRange(body, XftpBlock.SIZE, body.length));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    @Override
    public void close() throws java.io.IOException {
        poster.close();
    }
}
