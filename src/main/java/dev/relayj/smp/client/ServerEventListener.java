package dev.relayj.smp.client;

/**
 * Receives what the relay sends besides responses. Called on the connection's reader thread, in
 * order: it must return quickly (hand work to another thread) or it holds up every response.
 */
@FunctionalInterface
public interface ServerEventListener {
    void onEvent(SmpClient client, ServerEvent event);

    /** Ignores every event, as a proxy does: it makes no subscriptions. */
    ServerEventListener IGNORE = (client, event) -> {};
}
