package dev.relayj.smp.server;

import dev.relayj.smp.client.HostMode;
import dev.relayj.smp.client.NetworkSettings;
import dev.relayj.smp.client.RelayClientPool;
import dev.relayj.smp.client.RetryPolicy;
import dev.relayj.smp.client.SmpClientConfig;
import dev.relayj.smp.client.SocksMode;
import dev.relayj.socks.SocksProxySetting;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The relay's side as a proxy ({@code ProxyAgent} in Server/Env/STM.hs): the pool of connections to
 * destination relays, shared by all clients, made from the [PROXY] settings as {@code serverConfig}
 * in Server/Main.hs makes them. Closed with the server.
 */
final class ProxyRelay implements AutoCloseable {
    final RelayClientPool pool;
    final int clientConcurrency;

    private ProxyRelay(RelayClientPool pool, int clientConcurrency) {
        this.pool = pool;
        this.clientConcurrency = clientConcurrency;
    }

    static ProxyRelay create(SmpServerConfig.Proxy config, Clock clock) {
        return create(config, NetworkSettings.forProxy(socksProxy(config), socksMode(config.socksMode()),
                hostMode(config.hostMode()), config.requiredHostMode()), clock);
    }

    /** With the network settings given, so that tests can shorten the timeouts. */
    static ProxyRelay create(SmpServerConfig.Proxy config, NetworkSettings network, Clock clock) {
        RelayClientPool pool = RelayClientPool.forProxy(SmpClientConfig.forProxy(network), ownServerDomains(config),
                RetryPolicy.DEFAULT, clock);
        return new ProxyRelay(pool, config.clientConcurrency());
    }

    /** socks_proxy holds no credentials here, which means SOCKS isolation by credentials, the reference's default. */
    private static SocksProxySetting socksProxy(SmpServerConfig.Proxy config) {
        return config.socksProxy().map(proxy -> SocksProxySetting.parse(proxy.toString())).orElse(null);
    }

    private static SocksMode socksMode(SmpServerConfig.SocksMode mode) {
        return switch (mode) {
            case ALWAYS -> SocksMode.ALWAYS;
            case ONION -> SocksMode.ONION;
        };
    }

    /** host_mode "onion" is {@code HMOnionViaSocks} ({@code textToHostMode}). */
    private static HostMode hostMode(SmpServerConfig.HostMode mode) {
        return switch (mode) {
            case PUBLIC -> HostMode.PUBLIC;
            case ONION -> HostMode.ONION_VIA_SOCKS;
        };
    }

    /** own_server_domains is split on whitespace ({@code textToOwnServers}). */
    private static List<String> ownServerDomains(SmpServerConfig.Proxy config) {
        return config.ownServerDomains().stream()
                .flatMap(domains -> Arrays.stream(domains.trim().split("\\s+")))
                .filter(domain -> !domain.isEmpty())
                .toList();
    }

    @Override
    public void close() {
        pool.close();
    }
}
