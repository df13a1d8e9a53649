package dev.relayj.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.VersionRange;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.junit.jupiter.api.Test;

/**
 * Handshake blocks pinned byte for byte. The expected bytes are written out from the reference's
 * encoders: {@code instance Encoding SMPServerHandshake}, {@code SMPClientHandshake},
 * {@code CertChainPubKey}, {@code SMPServerHandshakeResponse} and {@code TransportError} in
 * {@code src/Simplex/Messaging/Transport.hs}; {@code encodeCertChain} and {@code SignedObject} in
 * {@code src/Simplex/Messaging/Crypto.hs}; {@code objectToSignedExact} in hs-x509's Data/X509/Signed.hs.
 */
class HandshakeEncodingTest {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 7748 section 6.1 key pairs, so that the public keys below are known independently
    private static final X25519PrivateKey ALICE = new X25519PrivateKey(
            HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    private static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private static final X25519PrivateKey BOB = new X25519PrivateKey(
            HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    private static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private static final String X25519_SPKI_PREFIX = "302a300506032b656e032100";

    private static byte[] sequence(int from, int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (from + i);
        }
        return bytes;
    }

    private static final byte[] SESSION_ID = sequence(1, 32);

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static String large(byte[] bytes) {
        return String.format("%04x", bytes.length) + hex(bytes);
    }

    /** Pure Ed448 (empty context), as cryptonite signs, computed with Bouncy Castle directly. */
    private static String ed448Signature(SignaturePrivateKey key, String messageHex) {
        Ed448Signer signer = new Ed448Signer(new byte[0]);
        signer.init(true, new Ed448PrivateKeyParameters(key.raw()));
        byte[] message = HEX.parseHex(messageHex);
        signer.update(message, 0, message.length);
        return hex(signer.generateSignature());
    }

    private static String ed25519Signature(SignaturePrivateKey key, String messageHex) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(key.raw()));
        byte[] message = HEX.parseHex(messageHex);
        signer.update(message, 0, message.length);
        return hex(signer.generateSignature());
    }

    @Test
    void fixtureIdentityIsTheCaFingerprint() {
        assertEquals("LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=", Base64Url.encode(Fixtures.serverKeyHash()));
    }

    @Test
    void signedSessionKeyIsTheDoublyWrappedSpkiSignedByTheServerKey() {
        SignedKey signed = SignedKey.sign(Fixtures.serverKey(), ALICE.publicKey());
        // SEQUENCE { SEQUENCE { SPKI } , SEQUENCE { OID 1.3.101.113 } , BIT STRING { 0, Ed448 signature } }
        String object = "302c" + X25519_SPKI_PREFIX + ALICE_PUBLIC;
        String expected = "3081aa" + object + "300506032b6571" + "037300" + ed448Signature(Fixtures.serverKey(), object);
        assertEquals(expected, hex(signed.encoded()));
    }

    @Test
    void encodesTheServerHandshake() {
        SignedKey signed = SignedKey.sign(Fixtures.serverKey(), ALICE.publicKey());
        CertChainPubKey certKey = new CertChainPubKey(Fixtures.serverChain(), signed);
        byte[] encoded = new SmpServerHandshake(new VersionRange(6, 18), SESSION_ID, certKey).encode();
        // (smpVersionRange, sessionId) then the CertChainPubKey, as the range reaches authCmdsSMPVersion
        String expected = "0006" + "0012" + "20" + hex(SESSION_ID)
                + "02" + large(Fixtures.pem("server.crt")) + large(Fixtures.pem("ca.crt"))
                + large(signed.encoded());
        assertEquals(expected, hex(encoded));
    }

    @Test
    void legacyServerHandshakeHasNoKey() throws DecodingException {
        CertChainPubKey certKey = new CertChainPubKey(Fixtures.serverChain(), SignedKey.sign(Fixtures.serverKey(), ALICE.publicKey()));
        byte[] encoded = new SmpServerHandshake(VersionRange.of(6), SESSION_ID, certKey).encode();
        assertEquals("0006" + "0006" + "20" + hex(SESSION_ID), hex(encoded));
        SmpServerHandshake decoded = SmpServerHandshake.decode(encoded);
        assertNull(decoded.authPubKey());
    }

    @Test
    void decodesTheServerHandshakeItEncodes() throws DecodingException {
        CertChainPubKey certKey = new CertChainPubKey(Fixtures.serverChain(), SignedKey.sign(Fixtures.serverKey(), ALICE.publicKey()));
        SmpServerHandshake hello = new SmpServerHandshake(new VersionRange(6, 18), SESSION_ID, certKey);
        byte[] withTrailing = (hex(hello.encode()) + "ffff00").transform(HEX::parseHex);
        assertEquals(hello, SmpServerHandshake.decode(withTrailing));
    }

    @Test
    void serverKeyThatDoesNotParseIsAbsent() throws DecodingException {
        // authEncryptCmdsP uses `optional`: a bad key is no key, not an error
        byte[] block = HEX.parseHex("0006" + "0012" + "20" + hex(SESSION_ID) + "01" + "0003" + "010203");
        SmpServerHandshake decoded = SmpServerHandshake.decode(block);
        assertEquals(new VersionRange(6, 18), decoded.smpVersionRange());
        assertNull(decoded.authPubKey());
    }

    @Test
    void encodesClientHandshakesByVersion() {
        byte[] keyHash = Fixtures.serverKeyHash();
        String kh = "20" + hex(keyHash);
        String key = "2c" + X25519_SPKI_PREFIX + BOB_PUBLIC;
        assertEquals("0006" + kh, hex(new SmpClientHandshake(6, keyHash, BOB.publicKey(), false, null).encode()));
        assertEquals("0007" + kh + key, hex(new SmpClientHandshake(7, keyHash, BOB.publicKey(), false, null).encode()));
        assertEquals("000b" + kh, hex(new SmpClientHandshake(11, keyHash, null, false, null).encode()));
        assertEquals("000e" + kh + key + "54", hex(new SmpClientHandshake(14, keyHash, BOB.publicKey(), true, null).encode()));
        assertEquals("0012" + kh + key + "46" + "30",
                hex(new SmpClientHandshake(18, keyHash, BOB.publicKey(), false, null).encode()));
    }

    @Test
    void encodesTheServiceInTheClientHandshake() throws DecodingException {
        byte[] keyHash = Fixtures.serverKeyHash();
        Ed25519PrivateKey sessionKey = new Ed25519PrivateKey(sequence(0x40, 32));
        SignaturePrivateKey certKey = Fixtures.ed25519Key();
        SignedKey signed = SignedKey.sign(certKey, sessionKey.publicKey());
        ClientHandshakeService service = new ClientHandshakeService(
                ServiceRole.NOTIFIER, new CertChainPubKey(Fixtures.ed25519Chain(), signed));
        byte[] encoded = new SmpClientHandshake(16, keyHash, BOB.publicKey(), false, service).encode();

        String object = "302c" + "302a300506032b6570032100" + hex(sessionKey.publicKey().raw());
        String signedHex = "3078" + object + "300506032b6570" + "034100" + ed25519Signature(certKey, object);
        assertEquals(signedHex, hex(signed.encoded()));
        String expected = "0010" + "20" + hex(keyHash) + "2c" + X25519_SPKI_PREFIX + BOB_PUBLIC
                + "46" + "31" + "4e"
                + "02" + large(Fixtures.pem("ed25519/server.crt")) + large(Fixtures.pem("ed25519/ca.crt"))
                + "007a" + signedHex;
        assertEquals(expected, hex(encoded));
        assertEquals(new SmpClientHandshake(16, keyHash, BOB.publicKey(), false, service), SmpClientHandshake.decode(encoded));
    }

    @Test
    void decodesClientHandshakesAsTheReferenceParses() throws DecodingException {
        byte[] keyHash = Fixtures.serverKeyHash();
        String kh = "20" + hex(keyHash);
        String key = "2c" + X25519_SPKI_PREFIX + BOB_PUBLIC;

        SmpClientHandshake v18 = SmpClientHandshake.decode(HEX.parseHex("0012" + kh + key + "46" + "30" + "fffe"));
        assertEquals(18, v18.smpVersion());
        assertArrayEquals(keyHash, v18.keyHash());
        assertEquals(BOB.publicKey(), v18.authPubKey());
        assertFalse(v18.proxyServer());
        assertNull(v18.service());

        // the key is optional: 'T' (0x54) is not a key, so it is read as the proxy flag
        SmpClientHandshake noKey = SmpClientHandshake.decode(HEX.parseHex("000e" + kh + "54"));
        assertNull(noKey.authPubKey());
        assertTrue(noKey.proxyServer());

        // an Ed25519 key is not an X25519 key: absent, and v7 has nothing after it
        SmpClientHandshake ed25519 = SmpClientHandshake.decode(
                HEX.parseHex("0007" + kh + "2c" + "302a300506032b6570032100" + BOB_PUBLIC));
        assertNull(ed25519.authPubKey());

        // below v7 nothing follows the key hash; whatever does is ignored
        assertNull(SmpClientHandshake.decode(HEX.parseHex("0006" + kh + key)).authPubKey());

        // from v14 the proxy flag is required, from v16 the service Maybe
        assertThrows(DecodingException.class, () -> SmpClientHandshake.decode(HEX.parseHex("000e" + kh + key)));
        assertThrows(DecodingException.class, () -> SmpClientHandshake.decode(HEX.parseHex("0010" + kh + key + "46")));
        assertThrows(DecodingException.class, () -> SmpClientHandshake.decode(HEX.parseHex("0010" + kh + key + "4632")));
    }

    @Test
    void encodesServerHandshakeResponses() throws DecodingException {
        ServerHandshakeResponse ok = new ServerHandshakeResponse.ServiceId("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("52" + "03" + "616263", hex(ok.encode()));
        ServerHandshakeResponse error = new ServerHandshakeResponse.Error(TransportError.handshake(HandshakeError.BAD_SERVICE));
        assertEquals("E" + "HANDSHAKE BAD_SERVICE", new String(error.encode(), StandardCharsets.US_ASCII));
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII),
                assertInstanceOf(ServerHandshakeResponse.ServiceId.class, ServerHandshakeResponse.decode(ok.encode())).serviceId());
        assertEquals(error, ServerHandshakeResponse.decode(error.encode()));
        assertThrows(DecodingException.class, () -> ServerHandshakeResponse.decode("X".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void transportErrorsUseTheReferenceWords() throws DecodingException {
        assertEquals("BLOCK", TransportError.Simple.BLOCK.text());
        assertEquals("VERSION", TransportError.Simple.VERSION.text());
        assertEquals("LARGE_MSG", TransportError.Simple.LARGE_MSG.text());
        assertEquals("SESSION", TransportError.Simple.SESSION.text());
        assertEquals("NO_AUTH", TransportError.Simple.NO_AUTH.text());
        assertEquals("HANDSHAKE PARSE", TransportError.handshake(HandshakeError.PARSE).text());
        assertEquals("HANDSHAKE IDENTITY", TransportError.handshake(HandshakeError.IDENTITY).text());
        assertEquals("HANDSHAKE BAD_AUTH", TransportError.handshake(HandshakeError.BAD_AUTH).text());
        for (String text : new String[] {"BLOCK", "VERSION", "LARGE_MSG", "SESSION", "NO_AUTH", "HANDSHAKE BAD_AUTH"}) {
            SmpReader reader = new SmpReader(text.getBytes(StandardCharsets.US_ASCII));
            assertEquals(text, TransportError.readFrom(reader).text());
            assertTrue(reader.atEnd());
        }
        SmpReader followed = new SmpReader("VERSION more".getBytes(StandardCharsets.US_ASCII));
        assertEquals(TransportError.Simple.VERSION, TransportError.readFrom(followed));
        assertEquals(' ', followed.readChar());
        assertThrows(DecodingException.class,
                () -> TransportError.readFrom(new SmpReader("HANDSHAKE NOPE".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(DecodingException.class,
                () -> TransportError.readFrom(new SmpReader("AUTH".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void signedKeyVerifiesOnlyWithItsSigner() throws DecodingException {
        SignedKey signed = SignedKey.decode(SignedKey.sign(Fixtures.serverKey(), ALICE.publicKey()).encoded());
        assertEquals(ALICE.publicKey(), signed.verifiedKey(Fixtures.serverKey().publicKey()));
        assertThrows(DecodingException.class, () -> signed.verifiedKey(Fixtures.ed25519Key().publicKey()));

        byte[] tampered = signed.encoded();
        tampered[20] ^= 1;
        SignedKey decoded = SignedKey.decode(tampered);
        assertThrows(DecodingException.class, () -> decoded.verifiedKey(Fixtures.serverKey().publicKey()));

        byte[] truncated = java.util.Arrays.copyOf(signed.encoded(), 100);
        assertThrows(DecodingException.class, () -> SignedKey.decode(truncated));
    }

    @Test
    void certificateChainMustHoldCertificates() {
        // a non-empty list of Large blobs, each an X.509 certificate (certChainP)
        assertThrows(DecodingException.class, () -> CertificateChain.readFrom(new SmpReader(HEX.parseHex("00"))));
        assertThrows(DecodingException.class,
                () -> CertificateChain.readFrom(new SmpReader(HEX.parseHex("01" + "0003" + "300100"))));
    }
}
