package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@code sbcInit}/{@code sbcHkdf} checked against RFC 5869 written out here over the JDK's own
 * HMAC-SHA512, independent of {@link Hkdf} and Bouncy Castle.
 */
class SbChainKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SESSION_ID = HEX.parseHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0");

    @Test
    void initSplitsHkdfOfTheSecretSaltedWithTheSessionId() throws GeneralSecurityException {
        byte[] secret = HEX.parseHex(DhTest.SHARED_X25519);
        byte[] expected = referenceHkdf(SESSION_ID, secret, "SimpleXSbChainInit", 64);
        SbChainKey.Pair pair = SbChainKey.init(SESSION_ID, new X25519Secret(secret));
        assertArrayEquals(Arrays.copyOfRange(expected, 0, 32), pair.first().bytes());
        assertArrayEquals(Arrays.copyOfRange(expected, 32, 64), pair.second().bytes());
    }

    @Test
    void eachStepGivesChainKeyThenBlockKeyThenNonce() throws GeneralSecurityException {
        SbChainKey chain = SbChainKey.init(SESSION_ID, HEX.parseHex(DhTest.SHARED_X25519)).first();
        byte[] chainBytes = chain.bytes();
        for (int i = 0; i < 3; i++) {
            byte[] expected = referenceHkdf(new byte[0], chainBytes, "SimpleXSbChain", 88);
            SbChainKey.Step step = chain.next();
            assertArrayEquals(Arrays.copyOfRange(expected, 0, 32), step.next().bytes());
            assertArrayEquals(Arrays.copyOfRange(expected, 32, 64), step.key().bytes());
            assertArrayEquals(Arrays.copyOfRange(expected, 64, 88), step.nonce().bytes());
            chain.destroy();
            chain = step.next();
            chainBytes = chain.bytes();
        }
    }

    @Test
    void bothSidesDeriveTheSameBlockKeys() throws CryptoException {
        byte[] secret = HEX.parseHex(DhTest.SHARED_X25519);
        SbChainKey serverSend = SbChainKey.init(SESSION_ID, secret).first();
        SbChainKey clientReceive = SbChainKey.init(SESSION_ID, secret).first();
        byte[] block = "a transport block".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 5; i++) {
            SbChainKey.Step sent = serverSend.next();
            SbChainKey.Step received = clientReceive.next();
            byte[] packet = CryptoBox.sbEncrypt(sent.key(), sent.nonce(), block, 100);
            assertArrayEquals(block, CryptoBox.sbDecrypt(received.key(), received.nonce(), packet));
            serverSend = sent.next();
            clientReceive = received.next();
        }
        assertEquals(serverSend, clientReceive);
        assertNotEquals(SbChainKey.init(SESSION_ID, secret).first(), SbChainKey.init(SESSION_ID, secret).second());
    }

    @Test
    void destroyZeroesTheChainKey() {
        SbChainKey key = SbChainKey.init(SESSION_ID, new byte[32]).second();
        key.destroy();
        assertArrayEquals(new byte[32], key.bytes());
        assertEquals("SbChainKey[redacted]", key.toString());
    }

    private static byte[] referenceHkdf(byte[] salt, byte[] ikm, String info, int length) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA512");
        extract.init(new SecretKeySpec(salt.length == 0 ? new byte[64] : salt, "HmacSHA512"));
        byte[] prk = extract.doFinal(ikm);
        Mac expand = Mac.getInstance("HmacSHA512");
        expand.init(new SecretKeySpec(prk, "HmacSHA512"));
        ByteArrayOutputStream okm = new ByteArrayOutputStream();
        byte[] block = new byte[0];
        for (int counter = 1; okm.size() < length; counter++) {
            expand.update(block);
            expand.update(info.getBytes(StandardCharsets.US_ASCII));
            expand.update((byte) counter);
            block = expand.doFinal();
            okm.writeBytes(block);
        }
        return Arrays.copyOf(okm.toByteArray(), length);
    }
}
