package dev.relayj.smp.client;

/**
 * A pooled connection to a destination relay and whether that relay is one of the operator's own
 * ({@code (OwnServer, SMPClient)} in simplexmq's {@code Client/Agent.hs}); the proxy counts own
 * relays separately in its statistics.
 */
public record RelayClient(boolean ownServer, SmpClient client) {}
