package dev.relayj.smp.server;

import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.EntityId;

/**
 * What every command family of one session works with: the relay's shared state, the session the
 * commands come from, and the version and service they run under (for commands a proxy forwards,
 * the client's version and no service).
 *
 * @param serviceId the session's service, or null outside a service session
 */
record SessionCommands(RelayEnv env, ClientSession client, int version, EntityId serviceId, X25519PrivateKey serverKey) {
    /** New ids (queue, notifier) are retried this often when they collide. */
    static final int ID_RETRIES = 3;
    private static final long DAY_SECONDS = 86400;

    EntityId randomId() {
        return new EntityId(env.randomBytes(SmpServerConfig.QUEUE_ID_BYTES));
    }

    /** The start of the UTC day of {@code epochSeconds}: queues keep the day of their last use. */
    static long dayOf(long epochSeconds) {
        return epochSeconds - Math.floorMod(epochSeconds, DAY_SECONDS);
    }
}
