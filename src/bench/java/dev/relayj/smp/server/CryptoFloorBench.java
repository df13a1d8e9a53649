package dev.relayj.smp.server;

import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.SbChainKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.smp.protocol.MessageLimits;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/** The cryptographic work of one round trip, on one thread, without network or relay logic. */
final class CryptoFloorBench {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoFloorBench() {}

    /**
     * Per round trip the relay and its two clients move 5 blocks (SEND, OK, MSG, ACK, OK): each is
     * encrypted and decrypted by the SMP block transport (secret box with chain keys) and by a TLS
     * 1.3 record (ChaCha20-Poly1305); the relay encrypts the message for the recipient, who
     * decrypts it; the recipient signs ACK and the relay verifies it.
     */
    static void run(int seconds) throws Exception {
        System.out.println("== crypto floor: the same crypto per round trip, one thread, no network or relay logic");
        SbChainKey.Pair chains = SbChainKey.init(new byte[32], RANDOM.generateSeed(32));
        SbChainKey send = chains.first();
        SbChainKey receive = chains.second();
        byte[] tlsKey = RANDOM.generateSeed(32);
        X25519Secret queueSecret = X25519PrivateKey.generate(RANDOM).dh(X25519PrivateKey.generate(RANDOM).publicKey());
        Ed25519PrivateKey rcvKey = Ed25519PrivateKey.generate(RANDOM);
        Ed25519PublicKey rcvPub = rcvKey.publicKey();
        byte[] payload = new byte[MessageLimits.BLOCK_SIZE - 2 * CryptoBox.TAG_SIZE];
        byte[] message = new byte[MessageLimits.MAX_RCV_MESSAGE_LENGTH];
        byte[] ack = new byte[120];
        // the relay's TLS records: the JDK's ChaCha20-Poly1305, as dev.relayj.tls.RelayTlsCrypto
        javax.crypto.Cipher aead = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305", "SunJCE");
        javax.crypto.spec.SecretKeySpec tlsKeySpec = new javax.crypto.spec.SecretKeySpec(tlsKey, "ChaCha20");
        byte[] record = new byte[MessageLimits.BLOCK_SIZE + 16];
        byte[] opened = new byte[MessageLimits.BLOCK_SIZE + 16];
        long nonceCounter = 0;
        long count = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long warmUpEnd = start + 3_000_000_000L;
        long measuredStart = 0;
        long measuredCount = 0;
        while (System.nanoTime() < end) {
            for (int block = 0; block < 5; block++) {
                SbChainKey.Step out = send.next();
                send = out.next();
                byte[] encrypted = CryptoBox.sbEncrypt(out.key(), out.nonce(), payload, MessageLimits.BLOCK_SIZE - CryptoBox.TAG_SIZE);
                SbChainKey.Step in = receive.next();
                receive = in.next();
                byte[] nonce = new byte[12];
                ByteBuffer.wrap(nonce, 4, 8).putLong(nonceCounter++);
                aead.init(javax.crypto.Cipher.ENCRYPT_MODE, tlsKeySpec, new javax.crypto.spec.IvParameterSpec(nonce));
                int len = aead.doFinal(encrypted, 0, encrypted.length, record, 0);
                aead.init(javax.crypto.Cipher.DECRYPT_MODE, tlsKeySpec, new javax.crypto.spec.IvParameterSpec(nonce));
                aead.doFinal(record, 0, len, opened, 0);
                CryptoBox.sbDecrypt(out.key(), out.nonce(), encrypted);
            }
            CbNonce nonce = CbNonce.random(RANDOM);
            byte[] sealed = CryptoBox.cbEncrypt(queueSecret, nonce, message, MessageLimits.PADDED_RCV_MESSAGE_LENGTH);
            CryptoBox.cbDecrypt(queueSecret, nonce, sealed);
            var signature = rcvKey.sign(ack);
            if (!rcvPub.verify(signature, ack, 0, ack.length)) {
                throw new IllegalStateException("signature does not verify");
            }
            count++;
            if (measuredStart == 0 && System.nanoTime() > warmUpEnd) {
                measuredStart = System.nanoTime();
                measuredCount = count;
            }
        }
        double elapsed = (System.nanoTime() - measuredStart) / 1e9;
        double rate = (count - measuredCount) / elapsed;
        System.out.printf("%-40s %9.0f round trips/s per core (%d cores here)%n", "crypto only, full-size blocks",
                rate, Runtime.getRuntime().availableProcessors());
        CryptoFloors floors = CryptoFloors.measure();
        System.out.println(floors.describe());
        double openssl = floors.perSecond(CryptoFloors.FULL_SIZE_ROUND_TRIP, floors.openssl());
        double java = floors.perSecond(CryptoFloors.FULL_SIZE_ROUND_TRIP, floors.java());
        System.out.printf("  floor per core: OpenSSL %.0f round trips/s, Java crypto (from its primitives) %.0f; this loop "
                + "= %.1f %% of OpenSSL's floor (target: 50 %%)%n", openssl, java, 100 * rate / openssl);
    }
}
