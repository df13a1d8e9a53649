package dev.relayj.smp.client;

import dev.relayj.smp.protocol.TransportHost;
import dev.relayj.socks.SocksProxySetting;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a relay reaches other relays ({@code NetworkConfig} in simplexmq's {@code Client.hs}, as
 * {@code Server/Main.hs} fills it from the [PROXY] section). Timeouts are the reference's
 * background ones: the proxy never sends interactive requests.
 *
 * @param socksProxyOrNull [PROXY] socks_proxy, or null for none
 * @param socksMode [PROXY] socks_mode (default onion)
 * @param hostMode [PROXY] host_mode (default public)
 * @param requiredHostMode [PROXY] required_host_mode: fail instead of falling back to the first host
 * @param connectTimeout TCP, SOCKS, TLS and SMP handshake together ({@code tcpConnectTimeout}, 45 s)
 * @param commandTimeout waiting for a response ({@code tcpTimeout}, 30 s)
 * @param pingInterval keep-alive period ({@code smpPingInterval}, 10 min)
 * @param pingCount timed-out commands in a row after which the connection is dropped
 *     ({@code smpPingCount}, 3; 0 never drops)
 * @param pingRecoverWindow a connection that received something this recently is kept even then (15 min)
 */
public record NetworkSettings(SocksProxySetting socksProxyOrNull, SocksMode socksMode, HostMode hostMode,
        boolean requiredHostMode, Duration connectTimeout, Duration commandTimeout, Duration pingInterval, int pingCount,
        Duration pingRecoverWindow) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(45);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMinutes(10);
    public static final int DEFAULT_PING_COUNT = 3;
    public static final Duration DEFAULT_PING_RECOVER_WINDOW = Duration.ofMinutes(15);

    public NetworkSettings {
        Objects.requireNonNull(socksMode, "socksMode");
        Objects.requireNonNull(hostMode, "hostMode");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingRecoverWindow, "pingRecoverWindow");
    }

    /** The relay's settings for the [PROXY] options, with the reference's defaults for the rest. */
    public static NetworkSettings forProxy(SocksProxySetting socksProxyOrNull, SocksMode socksMode, HostMode hostMode,
            boolean requiredHostMode) {
        return new NetworkSettings(socksProxyOrNull, socksMode, hostMode, requiredHostMode, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_COMMAND_TIMEOUT, DEFAULT_PING_INTERVAL, DEFAULT_PING_COUNT, DEFAULT_PING_RECOVER_WINDOW);
    }

    /** Direct connections to public hosts: the relay's defaults without [PROXY] settings. */
    public static NetworkSettings defaults() {
        return forProxy(null, SocksMode.ONION, HostMode.PUBLIC, false);
    }

    public NetworkSettings withTimeouts(Duration connect, Duration command) {
        return new NetworkSettings(socksProxyOrNull, socksMode, hostMode, requiredHostMode, connect, command, pingInterval,
                pingCount, pingRecoverWindow);
    }

    public NetworkSettings withPings(Duration interval, int count, Duration recoverWindow) {
        return new NetworkSettings(socksProxyOrNull, socksMode, hostMode, requiredHostMode, connectTimeout, commandTimeout,
                interval, count, recoverWindow);
    }

    /**
     * The host to connect to ({@code chooseTransportHost}): the first onion or public host as the
     * mode wants; when there is none, the first host, or with requiredHostMode an
     * {@link SmpClientError.IncompatibleHost} error.
     */
    public TransportHost chooseHost(List<TransportHost> hosts) throws SmpClientException {
        boolean wantOnion = switch (hostMode) {
            case ONION_VIA_SOCKS -> socksProxyOrNull != null;
            case ONION -> true;
            case PUBLIC -> false;
        };
        for (TransportHost host : hosts) {
            if ((host.kind() == TransportHost.Kind.ONION) == wantOnion) {
                return host;
            }
        }
        if (requiredHostMode || hosts.isEmpty()) {
            throw new SmpClientException(new SmpClientError.IncompatibleHost());
        }
        return hosts.get(0);
    }

    /** The SOCKS proxy to reach this host through, or null to connect directly ({@code useSocksProxy}). */
    public SocksProxySetting socksProxyFor(TransportHost host) {
        if (socksProxyOrNull == null) {
            return null;
        }
        return socksMode == SocksMode.ALWAYS || host.kind() == TransportHost.Kind.ONION ? socksProxyOrNull : null;
    }
}
