package dev.relayj.xftp.protocol;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.BasicAuth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A server address {@code xftp://<fingerprint>[:<password>]@<host>[,<host>...][:<port>]}
 * ({@code strEncodeServer} / {@code serverStrP} in {@code Protocol.hs}); the fingerprint is the
 * base64url SHA-256 of the identity certificate; the port is empty when not given.
 */
public record XftpServerAddress(byte[] keyHash, BasicAuth basicAuth, List<String> hosts, String port) {
    public static final String SCHEME = "xftp";

    public XftpServerAddress {
        keyHash = keyHash.clone();
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host required");
        }
        hosts = List.copyOf(hosts);
        if (!port.isEmpty() && !port.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port must be decimal: " + port);
        }
    }

    @Override
    public byte[] keyHash() {
        return keyHash.clone();
    }

    public String encode() {
        return SCHEME + "://" + Base64Url.encode(keyHash)
                + (basicAuth == null ? "" : ":" + basicAuth.text())
                + "@" + String.join(",", hosts)
                + (port.isEmpty() ? "" : ":" + port);
    }

    public static XftpServerAddress parse(String text) throws DecodingException {
        String prefix = SCHEME + "://";
        if (!text.startsWith(prefix)) {
            throw new DecodingException("server address must start with " + prefix);
        }
        int at = text.indexOf('@', prefix.length());
        if (at < 0) {
            throw new DecodingException("server address has no '@'");
        }
        String credentials = text.substring(prefix.length(), at);
        int colon = credentials.indexOf(':');
        String fingerprint = colon < 0 ? credentials : credentials.substring(0, colon);
        BasicAuth auth = null;
        if (colon >= 0) {
            String password = credentials.substring(colon + 1);
            byte[] bytes = password.getBytes(StandardCharsets.ISO_8859_1);
            if (password.isEmpty() || password.chars().anyMatch(c -> c > 0xFF) || !BasicAuth.isValid(bytes)) {
                throw new DecodingException("invalid server password");
            }
            auth = new BasicAuth(bytes);
        }
        byte[] keyHash = Base64Url.decode(fingerprint);
        List<String> hosts = new ArrayList<>();
        String port = "";
        int position = at + 1;
        while (true) {
            int end = hostEnd(text, position);
            if (end == position) {
                throw new DecodingException("empty host in server address");
            }
            hosts.add(text.substring(position, end));
            position = end;
            if (position < text.length() && text.charAt(position) == ',') {
                position++;
                continue;
            }
            break;
        }
        if (position < text.length()) {
            if (text.charAt(position) != ':') {
                throw new DecodingException("unexpected character in server address");
            }
            port = text.substring(position + 1);
            if (port.isEmpty() || port.length() > 9 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new DecodingException("invalid port in server address");
            }
            // the reference reads the port as a decimal number and shows it again
            port = String.valueOf(Integer.parseInt(port));
        }
        return new XftpServerAddress(keyHash, auth, hosts, port);
    }

    /** A host runs to ':' ',' or a separator; an IPv6 address may be bracketed. */
    private static int hostEnd(String text, int start) throws DecodingException {
        if (start < text.length() && text.charAt(start) == '[') {
            int close = text.indexOf(']', start);
            if (close < 0) {
                throw new DecodingException("unclosed '[' in server address");
            }
            return close + 1;
        }
        int position = start;
        while (position < text.length() && ":#,;/ \n\r\t".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        return position;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XftpServerAddress a && Arrays.equals(keyHash, a.keyHash)
                && java.util.Objects.equals(basicAuth, a.basicAuth) && hosts.equals(a.hosts) && port.equals(a.port);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keyHash) * 31 + hosts.hashCode();
    }

    @Override
    public String toString() {
        return basicAuth == null ? encode() : new XftpServerAddress(keyHash, null, hosts, port).encode() + " (with password)";
    }
}
