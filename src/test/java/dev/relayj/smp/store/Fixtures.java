package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.smp.protocol.QueueMode;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.Ed448PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.Base64Url;
import java.util.Arrays;
import java.util.List;
import dev.relayj.store.EntityStatus;

/** Deterministic ids, keys and records for the store tests. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed * 31 + i * 7);
        }
        // distinct seeds give distinct values
        for (int i = 0; i < Math.min(4, length); i++) {
            out[i] = (byte) (seed >>> (8 * i));
        }
        return out;
    }

    static EntityId id(int seed) {
        return new EntityId(bytes(24, seed));
    }

    static AuthPublicKey ed25519(int seed) {
        return new Ed25519PublicKey(bytes(32, seed));
    }

    static AuthPublicKey ed448(int seed) {
        return new Ed448PublicKey(bytes(57, seed));
    }

    static AuthPublicKey x25519(int seed) {
        return new X25519PublicKey(bytes(32, seed));
    }

    static X25519Secret secret(int seed) {
        return new X25519Secret(bytes(32, seed));
    }

    static String b64(byte[] data) {
        return Base64Url.encode(data);
    }

    static String b64(EntityId id) {
        return id.toBase64();
    }

    static String key(AuthPublicKey key) {
        return Base64Url.encode(key.spki());
    }

    /** A fresh messaging queue whose ids derive from {@code seed}. */
    static QueueRecord queue(int seed) {
        return new QueueRecord(List.of(ed25519(seed)), secret(seed), id(seed + 1000), null, QueueMode.MESSAGING, null,
                null, EntityStatus.ACTIVE, null, null);
    }

    static Message.Sent message(int seed, long timestamp) {
        return new Message.Sent(id(seed + 5000), timestamp, seed % 2 == 0, Arrays.copyOf(bytes(40, seed), 10 + seed % 20));
    }
}
