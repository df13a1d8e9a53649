package dev.relayj.smp.server;

import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.SbChainKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.smp.protocol.MessageLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The physical floor of a measure: the time its cryptography alone takes per unit of work, on one
 * core, with OpenSSL's primitives ({@code openssl speed}, measured in the same run) and with ours
 * (the same primitives in this JVM). A relay figure is then compared with twice the floor (the
 * machine has two cores; client and relay share them).
 *
 * <p>Every 16 KB block crosses the TLS record layer (ChaCha20-Poly1305) and the SMP block
 * encryption (XSalsa20-Poly1305 with chain keys) once each way; OpenSSL has no XSalsa20, so its
 * floor prices both passes at its ChaCha20-Poly1305 speed, the same amount of AEAD work.
 */
record CryptoFloors(Primitives openssl, Primitives java) {
    /** Seconds per operation of each primitive. */
    record Primitives(double tlsPass16k, double boxPass16k, double sign, double verify, double x25519) {}

    /** The cryptography of one unit of work: passes over 16 KB blocks and public-key operations. */
    record Work(String unit, double tlsPasses, double boxPasses, double signs, double verifies, double x25519s) {
        double seconds(Primitives p) {
            return tlsPasses * p.tlsPass16k() + boxPasses * p.boxPass16k() + signs * p.sign() + verifies * p.verify()
                    + x25519s * p.x25519();
        }
    }

    /**
     * A full-size SEND→MSG→ACK: 5 blocks (SEND, OK, MSG, ACK, OK), each sealed and opened by TLS
     * and by the block encryption; the MSG body crypto_box sealed by the relay and opened by the
     * recipient (2 passes); ACK signed by the recipient and verified by the relay.
     */
    static final Work FULL_SIZE_ROUND_TRIP = new Work("round trips/s", 10, 12, 1, 1, 0);
    /** The same with 8 SENDs (and their 8 OKs) sharing a block: 1/8 + 1/8 + 3 blocks a message. */
    static final Work SMALL_ROUND_TRIP = new Work("round trips/s", 6.5, 8.5, 1, 1, 0);
    /**
     * A new subscribed connection: X25519 ×4 (TLS key share and SMP session keys, both sides),
     * Ed25519 sign ×2 (TLS CertificateVerify, the SMP session key) and verify ×3 (those two and the
     * certificate chain), plus the first command's signature, made and verified.
     */
    static final Work CONNECTION = new Work("connections/s", 0, 0, 3, 4, 4);
    /** A SUB in a batch: one Ed25519 verification (the blocks are shared by ~100 SUBs). */
    static final Work SUB = new Work("SUBs/s", 0.02, 0.02, 0, 1, 0);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Measures both sets of primitives now (about 15 s), so that they share the run's conditions. */
    static CryptoFloors measure() throws Exception {
        return new CryptoFloors(measureOpenssl(), measureJava());
    }

    double perSecond(Work work, Primitives p) {
        return 1 / work.seconds(p);
    }

    /** The floors of a measure and the relay's figure against two cores of each. */
    String line(Work work, double relay) {
        int cores = Runtime.getRuntime().availableProcessors();
        double o = perSecond(work, openssl);
        double j = perSecond(work, java);
        return String.format("  floor per core: OpenSSL %.0f %s, Java crypto %.0f (%.0f %% of OpenSSL); relay = %.1f %% "
                + "of %d x OpenSSL, %.1f %% of %d x Java crypto", o, work.unit(), j, 100 * j / o, 100 * relay / (cores * o),
                cores, 100 * relay / (cores * j), cores);
    }

    String describe() {
        return String.format("  primitives (µs): TLS ChaCha20-Poly1305 16 KB OpenSSL %.1f / Java %.1f; "
                + "XSalsa20-Poly1305 16 KB (OpenSSL: its AEAD) %.1f / %.1f; Ed25519 sign %.1f / %.1f, verify %.1f / %.1f; "
                + "X25519 %.1f / %.1f", 1e6 * openssl.tlsPass16k(), 1e6 * java.tlsPass16k(), 1e6 * openssl.boxPass16k(),
                1e6 * java.boxPass16k(), 1e6 * openssl.sign(), 1e6 * java.sign(), 1e6 * openssl.verify(),
                1e6 * java.verify(), 1e6 * openssl.x25519(), 1e6 * java.x25519());
    }

    // ---- OpenSSL

    private static Primitives measureOpenssl() throws IOException, InterruptedException {
        double aead = 0;
        for (String line : run("openssl", "speed", "-seconds", "2", "-evp", "chacha20-poly1305", "-bytes", "16384")) {
            if (line.startsWith("ChaCha20-Poly1305")) {
                String[] f = line.trim().split("\\s+");
                aead = Double.parseDouble(f[f.length - 1].replace("k", "")) * 1000;
            }
        }
        double sign = 0;
        double verify = 0;
        double x25519 = 0;
        for (String line : run("openssl", "speed", "-seconds", "2", "ed25519", "ecdhx25519")) {
            String[] f = line.trim().split("\\s+");
            if (line.contains("EdDSA (Ed25519)")) {
                sign = Double.parseDouble(f[f.length - 2]);
                verify = Double.parseDouble(f[f.length - 1]);
            } else if (line.contains("(X25519)")) {
                x25519 = Double.parseDouble(f[f.length - 1]);
            }
        }
        if (aead == 0 || sign == 0 || verify == 0 || x25519 == 0) {
            throw new IOException("could not read openssl speed's figures");
        }
        double pass = 16384 / aead;
        return new Primitives(pass, pass, 1 / sign, 1 / verify, 1 / x25519);
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        return lines;
    }

    // ---- ours

    private static Primitives measureJava() throws Exception {
        byte[] block = new byte[MessageLimits.BLOCK_SIZE - 2 * CryptoBox.TAG_SIZE];
        SecretKeySpec tlsKey = new SecretKeySpec(RANDOM.generateSeed(32), "ChaCha20");
        Cipher aead = Cipher.getInstance("ChaCha20-Poly1305", "SunJCE");
        byte[] record = new byte[MessageLimits.BLOCK_SIZE + 16];
        byte[] opened = new byte[MessageLimits.BLOCK_SIZE + 16];
        long[] nonceCounter = {0};
        double tls = secondsPer(() -> {
            try {
                byte[] nonce = new byte[12];
                ByteBuffer.wrap(nonce, 4, 8).putLong(nonceCounter[0]++);
                aead.init(Cipher.ENCRYPT_MODE, tlsKey, new IvParameterSpec(nonce));
                int len = aead.doFinal(block, 0, block.length, record, 0);
                aead.init(Cipher.DECRYPT_MODE, tlsKey, new IvParameterSpec(nonce));
                return aead.doFinal(record, 0, len, opened, 0);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }) / 2;
        SbChainKey[] chain = {SbChainKey.init(new byte[32], RANDOM.generateSeed(32)).first()};
        double box = secondsPer(() -> {
            try {
                SbChainKey.Step step = chain[0].next();
                chain[0] = step.next();
                byte[] sealed = CryptoBox.sbEncrypt(step.key(), step.nonce(), block,
                        MessageLimits.BLOCK_SIZE - CryptoBox.TAG_SIZE);
                return CryptoBox.sbDecrypt(step.key(), step.nonce(), sealed).length;
            } catch (dev.relayj.crypto.CryptoException e) {
                throw new IllegalStateException(e);
            }
        }) / 2;
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
        Ed25519PublicKey pub = key.publicKey();
        byte[] command = new byte[120];
        var signature = key.sign(command);
        double sign = secondsPer(() -> key.sign(command).hashCode());
        double verify = secondsPer(() -> pub.verify(signature, command, 0, command.length) ? 1 : 0);
        X25519PrivateKey dh = X25519PrivateKey.generate(RANDOM);
        var peer = X25519PrivateKey.generate(RANDOM).publicKey();
        double x25519 = secondsPer(() -> {
            X25519Secret s = dh.dh(peer);
            return s.hashCode();
        });
        return new Primitives(tls, box, sign, verify, x25519);
    }

    /** Seconds per call after a warm-up, over about 1.5 s. */
    private static double secondsPer(LongSupplier op) {
        long sink = 0;
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            sink += op.getAsLong();
        }
        long calls = 0;
        long start = System.nanoTime();
        long end = start + 1_500_000_000L;
        while (System.nanoTime() < end) {
            sink += op.getAsLong();
            calls++;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return (System.nanoTime() - start) / 1e9 / calls;
    }
}
