package dev.relayj.runtime;

import java.time.Duration;

/** How long something lives and how often expiry runs ({@code ExpirationConfig} in Server/Expiration.hs). */
public record ExpirationConfig(Duration ttl, Duration checkInterval) {}
