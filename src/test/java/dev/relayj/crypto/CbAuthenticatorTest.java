package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.encoding.DecodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CbAuthenticatorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] AUTHORIZED = "session id + corr id + entity id + SEND ...".getBytes(StandardCharsets.US_ASCII);

    private final X25519PrivateKey client = new X25519PrivateKey(HEX.parseHex(DhTest.ALICE_X25519));
    private final X25519PrivateKey server = new X25519PrivateKey(HEX.parseHex(DhTest.BOB_X25519));
    private final CbNonce corrId = CbNonce.fitting("corr-id".getBytes(StandardCharsets.US_ASCII));

    @Test
    void isTheBoxedSha512OfTheAuthorizedBytes() throws CryptoException {
        CbAuthenticator authenticator = CbAuthenticator.create(server.publicKey(), client, corrId, AUTHORIZED);
        assertEquals(80, authenticator.bytes().length);
        X25519Secret secret = new X25519Secret(HEX.parseHex(DhTest.SHARED_X25519));
        assertArrayEquals(CryptoBox.cbEncryptNoPad(secret, corrId, Hashes.sha512(AUTHORIZED)), authenticator.bytes());
        assertArrayEquals(Hashes.sha512(AUTHORIZED), CryptoBox.cbDecryptNoPad(secret, corrId, authenticator.bytes()));
    }

    @Test
    void theServerVerifiesWithItsSessionKey() {
        CbAuthenticator authenticator = CbAuthenticator.create(server.publicKey(), client, corrId, AUTHORIZED);
        assertTrue(authenticator.verify(client.publicKey(), server, corrId, AUTHORIZED));
        byte[] framed = new byte[AUTHORIZED.length + 10];
        System.arraycopy(AUTHORIZED, 0, framed, 4, AUTHORIZED.length);
        assertTrue(authenticator.verify(client.publicKey(), server, corrId, framed, 4, AUTHORIZED.length));
    }

    @Test
    void anythingChangedFailsVerification() throws DecodingException {
        CbAuthenticator authenticator = CbAuthenticator.create(server.publicKey(), client, corrId, AUTHORIZED);
        byte[] otherData = AUTHORIZED.clone();
        otherData[0] ^= 1;
        assertFalse(authenticator.verify(client.publicKey(), server, corrId, otherData));
        assertFalse(authenticator.verify(client.publicKey(), server, corrId.reversed(), AUTHORIZED));
        assertFalse(authenticator.verify(X25519PrivateKey.generate(RANDOM).publicKey(), server, corrId, AUTHORIZED));
        assertFalse(authenticator.verify(client.publicKey(), X25519PrivateKey.generate(RANDOM), corrId, AUTHORIZED));
        assertFalse(authenticator.verify(new X25519PublicKey(new byte[32]), server, corrId, AUTHORIZED));
        byte[] bytes = authenticator.bytes();
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= (byte) 0x80;
            assertFalse(CbAuthenticator.fromBytes(tampered).verify(client.publicKey(), server, corrId, AUTHORIZED), "byte " + i);
        }
    }

    @Test
    void hasAFixedSize() throws DecodingException {
        assertEquals(80, CbAuthenticator.SIZE);
        assertThrows(DecodingException.class, () -> CbAuthenticator.fromBytes(new byte[64]));
        assertThrows(DecodingException.class, () -> CbAuthenticator.fromBytes(new byte[81]));
        byte[] bytes = new byte[80];
        Arrays.fill(bytes, (byte) 3);
        assertArrayEquals(bytes, CbAuthenticator.fromBytes(bytes).bytes());
        assertFalse(CbAuthenticator.fromBytes(bytes).verify(client.publicKey(), server, corrId, AUTHORIZED));
    }
}
