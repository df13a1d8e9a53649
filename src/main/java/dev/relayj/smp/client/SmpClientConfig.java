package dev.relayj.smp.client;

import dev.relayj.encoding.VersionRange;
import dev.relayj.transport.SmpVersions;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link SmpClient} talks to a relay ({@code ProtocolClientConfig} in simplexmq's
 * {@code Client.hs}). Clients always agree a session secret ({@code agreeSecret}), which a proxy
 * needs to forward transmissions.
 *
 * @param versionRange the SMP versions offered
 * @param proxyServer whether this client is a relay acting as a proxy (no block encryption, v10 cap
 *     with relays older than v14)
 * @param alpnProtocols offered in TLS ({@code smp/1})
 * @param sendQueueSize outgoing blocks waiting for the writer ({@code qSize}, 64)
 */
public record SmpClientConfig(VersionRange versionRange, boolean proxyServer, List<String> alpnProtocols, int sendQueueSize,
        NetworkSettings network) {

    public static final int DEFAULT_PORT = 5223;
    public static final int DEFAULT_QUEUE_SIZE = 64;

    public SmpClientConfig {
        Objects.requireNonNull(versionRange, "versionRange");
        alpnProtocols = List.copyOf(alpnProtocols);
        if (sendQueueSize < 1) {
            throw new IllegalArgumentException("sendQueueSize must be positive");
        }
        Objects.requireNonNull(network, "network");
    }

    /** A relay's client for proxying ({@code smpAgentCfg} in {@code Server/Main.hs}). */
    public static SmpClientConfig forProxy(NetworkSettings network) {
        return new SmpClientConfig(SmpVersions.SUPPORTED_PROXY_CLIENT_SMP_RELAY_VRANGE, true,
                SmpVersions.ALPN_SUPPORTED_SMP_HANDSHAKES, DEFAULT_QUEUE_SIZE, network);
    }

    /** An ordinary client ({@code defaultSMPClientConfig}), as tests use it. */
    public static SmpClientConfig forClient(NetworkSettings network) {
        return new SmpClientConfig(SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE, false,
                SmpVersions.ALPN_SUPPORTED_SMP_HANDSHAKES, DEFAULT_QUEUE_SIZE, network);
    }

    public SmpClientConfig withVersionRange(VersionRange range) {
        return new SmpClientConfig(range, proxyServer, alpnProtocols, sendQueueSize, network);
    }
}
