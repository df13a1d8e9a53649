package dev.relayj.smp.client;

import dev.relayj.smp.protocol.NetworkError;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.smp.protocol.TransportHost;
import dev.relayj.socks.Socks5Client;
import dev.relayj.socks.SocksCredentials;
import dev.relayj.socks.SocksProxySetting;
import dev.relayj.tls.ClientTlsConnection;
import dev.relayj.tls.ServerCertificateException;
import dev.relayj.tls.TlsClient;
import dev.relayj.tls.TlsClientSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Opens the TCP (directly or through SOCKS) and TLS connection to one host of a relay
 * ({@code runTransportClient} in simplexmq's {@code Transport/Client.hs}).
 */
final class RelayConnection {
    private RelayConnection() {}

    /**
     * @param socksCredentials for the SOCKS proxy ({@link SocksIsolation#credentials}), or null for no authentication
     * @param deadline System.nanoTime by which the connection must be up
     */
    static ClientTlsConnection open(SmpServerAddress server, TransportHost host, SmpClientConfig config,
            SocksCredentials socksCredentials, long deadline) throws SmpClientException {
        int port = port(server);
        SocksProxySetting socks = config.network().socksProxyFor(host);
        Socket socket;
        try {
            socket = socks == null
                    ? connectDirect(host.text(), port, deadline)
                    : Socks5Client.connect(socks.address(), host.text(), port, socksCredentials, remaining(deadline));
        } catch (SocketTimeoutException e) {
            throw new SmpClientException(SmpClientError.network(NetworkError.Simple.TIMEOUT, connectFailure(server, host, e)));
        } catch (IOException e) {
            throw new SmpClientException(SmpClientError.network(
                    new NetworkError.Detailed(NetworkError.Kind.CONNECT, e.toString()), connectFailure(server, host, e)));
        }
        try {
            // keep-alive as the reference's defaultKeepAliveOpts switch it on
            socket.setKeepAlive(true);
            socket.setTcpNoDelay(true);
            TlsClientSettings tls = new TlsClientSettings(server.keyHash(), config.alpnProtocols(), remaining(deadline));
            return TlsClient.handshake(socket, tls);
        } catch (ServerCertificateException e) {
            NetworkError error = e.unknownCa()
                    ? NetworkError.Simple.UNKNOWNCA
                    : new NetworkError.Detailed(NetworkError.Kind.TLS, e.getMessage());
            throw new SmpClientException(SmpClientError.network(error, "TLS with " + server + ": " + e.getMessage()));
        } catch (SocketTimeoutException e) {
            throw new SmpClientException(SmpClientError.network(NetworkError.Simple.TIMEOUT, "TLS with " + server + " timed out"));
        } catch (IOException e) {
            throw new SmpClientException(SmpClientError.network(new NetworkError.Detailed(NetworkError.Kind.TLS, e.toString()),
                    "TLS with " + server + ": " + e));
        }
    }

    /** The address's port, or 5223 ({@code defaultSMPPort}) when it names none. */
    static int port(SmpServerAddress server) throws SmpClientException {
        if (server.port().isEmpty()) {
            return SmpClientConfig.DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(server.port());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SmpClientException(SmpClientError.network(
                new NetworkError.Detailed(NetworkError.Kind.CONNECT, "invalid port " + server.port()),
                "invalid port in " + server));
    }

    /** Tries each resolved address in turn, as the reference's {@code connectTCPClient}. */
    private static Socket connectDirect(String host, int port, long deadline) throws IOException {
        String lookup = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        IOException last = null;
        for (InetAddress address : InetAddress.getAllByName(lookup)) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, remaining(deadline).toMillis()));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
                if (e instanceof SocketTimeoutException) {
                    break;
                }
            }
        }
        throw last == null ? new IOException("no address for " + host) : last;
    }

    private static Duration remaining(long deadline) throws SocketTimeoutException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new SocketTimeoutException("connection timed out");
        }
        return Duration.ofNanos(nanos);
    }

    private static String connectFailure(SmpServerAddress server, TransportHost host, IOException e) {
        return "cannot connect to " + host.text() + " of " + server + ": " + e;
    }
}
