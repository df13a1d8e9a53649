package dev.relayj.socks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SOCKS5 proxy and how to authenticate to it, as the {@code socks_proxy} setting writes it
 * ({@code SocksProxyWithAuth} in simplexmq's {@code Transport/Client.hs}):
 * {@code [user:password@ | @] [host] [:port]}, where the host is an IPv4 or IPv6 address
 * (127.0.0.1 when left out) and the port defaults to 9050, Tor's.
 */
public record SocksProxySetting(SocksAuth auth, InetSocketAddress address) {
    public static final int DEFAULT_PORT = 9050;
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** {@code defaultSocksProxyWithAuth}: Tor on 127.0.0.1:9050 with session isolation. */
    public static SocksProxySetting defaultTor() {
        return new SocksProxySetting(SocksAuth.ISOLATE, new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT));
    }

    /** Parses the whole text; the message names what is wrong. */
    public static SocksProxySetting parse(String text) {
        String rest = text;
        SocksAuth auth = SocksAuth.ISOLATE;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (credentials.isEmpty()) {
                auth = SocksAuth.NONE;
            } else {
                int colon = credentials.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("SOCKS credentials must be user:password@");
                }
                auth = new SocksAuth.Username(new SocksCredentials(
                        credentials.substring(0, colon).getBytes(StandardCharsets.UTF_8),
                        credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8)));
            }
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in SOCKS proxy address");
            }
            host = rest.substring(1, close);
            rest = rest.substring(close + 1);
        } else {
            Matcher ipv4 = IPV4.matcher(rest);
            if (ipv4.lookingAt()) {
                host = ipv4.group();
                rest = rest.substring(ipv4.end());
            } else if (!rest.isEmpty() && !rest.startsWith(":") || rest.startsWith("::")) {
                // an IPv6 address without brackets takes every hex digit and colon, as the reference's parser
                int end = 0;
                while (end < rest.length() && (Character.digit(rest.charAt(end), 16) >= 0 || rest.charAt(end) == ':')) {
                    end++;
                }
                host = rest.substring(0, end);
                rest = rest.substring(end);
                if (!host.contains(":")) {
                    throw new IllegalArgumentException("SOCKS5 host should be IPv4 or IPv6 address: " + text);
                }
            } else {
                host = DEFAULT_HOST;
            }
        }
        if (rest.startsWith(":")) {
            portText = rest.substring(1);
            rest = "";
        }
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("SOCKS5 host should be IPv4 or IPv6 address: " + text);
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("invalid SOCKS proxy port: " + portText);
            }
            port = Integer.parseInt(portText);
            if (port > 65535) {
                throw new IllegalArgumentException("invalid SOCKS proxy port: " + portText);
            }
        }
        return new SocksProxySetting(auth, new InetSocketAddress(literal(host, text), port));
    }

    private static InetAddress literal(String host, String text) {
        Matcher ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    throw new IllegalArgumentException("invalid IP address in SOCKS proxy: " + text);
                }
            }
        } else if (!host.contains(":")) {
            throw new IllegalArgumentException("SOCKS5 host should be IPv4 or IPv6 address: " + text);
        }
        try {
            // a literal address: no name lookup happens
            return InetAddress.getByName(host.contains(":") ? "[" + host + "]" : host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address in SOCKS proxy: " + text);
        }
    }
}
