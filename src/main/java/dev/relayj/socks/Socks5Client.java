package dev.relayj.socks;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Opens a TCP connection through a SOCKS5 proxy (RFC 1928, CONNECT only), authenticating with
 * nothing or with a username and password (RFC 1929). As simplexmq's socks library
 * ({@code Network.Socks5}) it offers exactly one method: "no authentication" without
 * credentials, username/password with them.
 *
 * <p>Host names are sent to the proxy unresolved (address type 3), so onion hosts work and no
 * name lookup leaks outside Tor; IP literals are sent as addresses.
 */
public final class Socks5Client {
    private static final int VERSION = 5;
    private static final int METHOD_NONE = 0x00;
    private static final int METHOD_USERNAME_PASSWORD = 0x02;
    private static final int METHOD_NOT_ACCEPTABLE = 0xFF;
    private static final int AUTH_VERSION = 1;
    private static final int CMD_CONNECT = 1;
    private static final int ATYP_IPV4 = 1;
    private static final int ATYP_DOMAIN = 3;
    private static final int ATYP_IPV6 = 4;
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private Socks5Client() {}

    /**
     * Connects to the proxy and asks it to connect to host:port. The whole exchange must end within
     * the timeout. The returned socket is connected to the destination, with no read timeout.
     *
     * @param host a host name (sent unresolved), or an IPv4 or IPv6 literal
     * @param credentials username and password, or null for no authentication
     * @throws SocksException when the proxy refuses, fails or does not speak SOCKS5
     * @throws SocketTimeoutException when the timeout passes
     * @throws IOException when the proxy cannot be reached
     */
    public static Socket connect(InetSocketAddress proxy, String host, int port, SocksCredentials credentials, Duration timeout)
            throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid destination port " + port);
        }
        byte[] destination = destinationAddress(host);
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = new Socket();
        try {
            socket.connect(proxy, remainingMillis(deadline));
            InputStream input = socket.getInputStream();
            OutputStream output = socket.getOutputStream();
            negotiate(socket, input, output, credentials, deadline);
            output.write(connectRequest(destination, port));
            output.flush();
            readConnectReply(socket, input, deadline);
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void negotiate(Socket socket, InputStream input, OutputStream output, SocksCredentials credentials,
            long deadline) throws IOException {
        int method = credentials == null ? METHOD_NONE : METHOD_USERNAME_PASSWORD;
        output.write(new byte[] {VERSION, 1, (byte) method});
        output.flush();
        byte[] choice = read(socket, input, 2, deadline);
        if (choice[0] != VERSION) {
            throw new SocksException("not a SOCKS5 proxy: greeting answered with version " + (choice[0] & 0xFF));
        }
        int chosen = choice[1] & 0xFF;
        if (chosen == METHOD_NOT_ACCEPTABLE) {
            throw new SocksException(credentials == null
                    ? "SOCKS5 proxy requires authentication"
                    : "SOCKS5 proxy does not accept username/password authentication");
        }
        if (chosen != method) {
            throw new SocksException("SOCKS5 proxy chose authentication method " + chosen + " that was not offered");
        }
        if (credentials != null) {
            authenticate(socket, input, output, credentials, deadline);
        }
    }

    private static void authenticate(Socket socket, InputStream input, OutputStream output, SocksCredentials credentials,
            long deadline) throws IOException {
        byte[] username = credentials.username();
        byte[] password = credentials.password();
        byte[] request = new byte[3 + username.length + password.length];
        request[0] = AUTH_VERSION;
        request[1] = (byte) username.length;
        System.arraycopy(username, 0, request, 2, username.length);
        request[2 + username.length] = (byte) password.length;
        System.arraycopy(password, 0, request, 3 + username.length, password.length);
        output.write(request);
        output.flush();
        byte[] status = read(socket, input, 2, deadline);
        if (status[0] != AUTH_VERSION) {
            throw new SocksException("SOCKS5 proxy answered authentication with version " + (status[0] & 0xFF));
        }
        if (status[1] != 0) {
            throw new SocksException("SOCKS5 proxy rejected the username/password (status " + (status[1] & 0xFF) + ")");
        }
    }

    /** ATYP and DST.ADDR of the request. */
    private static byte[] destinationAddress(String host) throws IOException {
        if (IPV4_LITERAL.matcher(host).matches() || host.indexOf(':') >= 0) {
            String literal = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
            // a literal: InetAddress parses it without a name lookup
            byte[] address = InetAddress.getByName(literal).getAddress();
            byte[] out = new byte[1 + address.length];
            out[0] = (byte) (address.length == 4 ? ATYP_IPV4 : ATYP_IPV6);
            System.arraycopy(address, 0, out, 1, address.length);
            return out;
        }
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > 255) {
            throw new IllegalArgumentException("a SOCKS5 destination name holds 1 to 255 bytes: " + host);
        }
        byte[] out = new byte[2 + name.length];
        out[0] = ATYP_DOMAIN;
        out[1] = (byte) name.length;
        System.arraycopy(name, 0, out, 2, name.length);
        return out;
    }

    private static byte[] connectRequest(byte[] destination, int port) {
        byte[] request = new byte[3 + destination.length + 2];
        request[0] = VERSION;
        request[1] = CMD_CONNECT;
        request[2] = 0;
        System.arraycopy(destination, 0, request, 3, destination.length);
        request[request.length - 2] = (byte) (port >> 8);
        request[request.length - 1] = (byte) port;
        return request;
    }

    /** VER REP RSV ATYP BND.ADDR BND.PORT; the bound address is read and dropped. */
    private static void readConnectReply(Socket socket, InputStream input, long deadline) throws IOException {
        byte[] head = read(socket, input, 4, deadline);
        if (head[0] != VERSION) {
            throw new SocksException("not a SOCKS5 proxy: CONNECT answered with version " + (head[0] & 0xFF));
        }
        int code = head[1] & 0xFF;
        if (code != SocksReply.SUCCEEDED.code()) {
            SocksReply reply = SocksReply.ofCode(code);
            throw new SocksException("SOCKS5 proxy: " + (reply == null ? "unknown reply code " + code : reply.description()),
                    reply);
        }
        int addressLength = switch (head[3] & 0xFF) {
            case ATYP_IPV4 -> 4;
            case ATYP_IPV6 -> 16;
            case ATYP_DOMAIN -> read(socket, input, 1, deadline)[0] & 0xFF;
            default -> throw new SocksException("SOCKS5 proxy replied with unknown address type " + (head[3] & 0xFF));
        };
        read(socket, input, addressLength + 2, deadline);
    }

    /** Exactly n bytes before the deadline. */
    private static byte[] read(Socket socket, InputStream input, int n, long deadline) throws IOException {
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            socket.setSoTimeout(remainingMillis(deadline));
            int count = input.read(out, done, n - done);
            if (count < 0) {
                throw new EOFException("SOCKS5 proxy closed the connection");
            }
            done += count;
        }
        return out;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = Math.ceilDiv(deadline - System.nanoTime(), 1_000_000L);
        if (remaining <= 0) {
            throw new SocketTimeoutException("SOCKS5 proxy did not answer in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
