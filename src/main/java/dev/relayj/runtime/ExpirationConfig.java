package dev.relayj.runtime;

import java.time.Duration;

/** How long something lives and how often expiry runs ({@code ExpirationConfig} in Server/Expiration.hs). */
public record ExpirationConfig(Duration ttl, Duration checkInterval) {
    /**
     * {@code defaultInactiveClientExpiration} of both servers: a client silent for 6 hours is
     * disconnected, checked every hour.
     */
    public static final ExpirationConfig INACTIVE_CLIENTS_DEFAULT =
            new ExpirationConfig(Duration.ofHours(6), Duration.ofHours(1));
}
