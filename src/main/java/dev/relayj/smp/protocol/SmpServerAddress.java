package dev.relayj.smp.protocol;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.BasicAuth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An SMP server address ({@code ProtocolServer 'PSMP} in {@code Protocol.hs}): hosts, port (empty
 * for the default) and the fingerprint of the server's CA certificate.
 * <p>Text form: {@code smp://<fingerprint base64url>[:<password>]@<host>[,<host>...][:<port>]}.
 * Binary form (in PRXY): a list of hosts, each its text as a short string, the port as a short
 * string, the fingerprint as a short byte string.
 */
public record SmpServerAddress(List<TransportHost> hosts, String port, byte[] keyHash) {
    public SmpServerAddress {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty() || hosts.size() > 255) {
            throw new IllegalArgumentException("a server address needs 1 to 255 hosts");
        }
        if (port == null) {
            throw new IllegalArgumentException("port must not be null; use \"\" for the default");
        }
        keyHash = keyHash.clone();
    }

    /** An address with the password clients give in it, if any. */
    public record WithAuth(SmpServerAddress address, BasicAuth basicAuth) {
        public String toText() {
            return address.toText(basicAuth);
        }
    }

    @Override
    public byte[] keyHash() {
        return keyHash.clone();
    }

    public String toText() {
        return toText(null);
    }

    /** The text form, with a password when given ({@code strEncodeServer}). */
    public String toText(BasicAuth basicAuth) {
        StringBuilder out = new StringBuilder("smp://").append(Base64Url.encode(keyHash));
        if (basicAuth != null) {
            out.append(':').append(basicAuth.text());
        }
        out.append('@');
        for (int i = 0; i < hosts.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(hosts.get(i).text());
        }
        if (!port.isEmpty()) {
            out.append(':').append(port);
        }
        return out.toString();
    }

    /** Parses the text form without a password ({@code strP} of {@code ProtocolServer}). */
    public static SmpServerAddress parse(String text) throws DecodingException {
        WithAuth parsed = parseWithAuth(text);
        if (parsed.basicAuth() != null) {
            throw new DecodingException("ProtocolServer with basic auth not allowed");
        }
        return parsed.address();
    }

    /** Parses the text form, with or without a password ({@code serverStrP}). */
    public static WithAuth parseWithAuth(String text) throws DecodingException {
        if (!text.startsWith("smp://")) {
            throw new DecodingException("expected an smp:// server address");
        }
        int position = "smp://".length();
        int hashEnd = position;
        while (hashEnd < text.length() && isBase64UrlChar(text.charAt(hashEnd))) {
            hashEnd++;
        }
        if (hashEnd == position) {
            throw new DecodingException("missing server fingerprint");
        }
        while (hashEnd < text.length() && text.charAt(hashEnd) == '=') {
            hashEnd++;
        }
        byte[] keyHash = Base64Url.decode(text.substring(position, hashEnd));
        position = hashEnd;
        BasicAuth basicAuth = null;
        if (position < text.length() && text.charAt(position) == ':') {
            int at = text.indexOf('@', position + 1);
            if (at < 0) {
                throw new DecodingException("expected @ after the password");
            }
            String password = text.substring(position + 1, at);
            byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
            if (password.isEmpty() || !BasicAuth.isValid(passwordBytes)) {
                throw new DecodingException("invalid character in BasicAuth");
            }
            basicAuth = new BasicAuth(passwordBytes);
            position = at;
        }
        if (position >= text.length() || text.charAt(position) != '@') {
            throw new DecodingException("expected @ before the hosts");
        }
        position++;
        List<TransportHost> hosts = new ArrayList<>();
        while (true) {
            TransportHost.Parsed host = TransportHost.parsePrefix(text, position);
            hosts.add(host.host());
            position = host.end();
            if (position < text.length() && text.charAt(position) == ',') {
                position++;
            } else {
                break;
            }
        }
        String port = "";
        if (position < text.length() && text.charAt(position) == ':') {
            int digitsStart = ++position;
            while (position < text.length() && Character.isDigit(text.charAt(position))
                    && text.charAt(position) < 0x80) {
                position++;
            }
            if (position == digitsStart || position - digitsStart > 18) {
                throw new DecodingException("invalid port");
            }
            port = Long.toString(Long.parseLong(text.substring(digitsStart, position)));
        }
        if (position != text.length()) {
            throw new DecodingException("unexpected characters after the server address");
        }
        if (hosts.size() > 255) {
            throw new DecodingException("too many hosts");
        }
        return new WithAuth(new SmpServerAddress(hosts, port, keyHash), basicAuth);
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    public void writeTo(SmpWriter writer) {
        writer.writeList(hosts, (w, host) -> w.writeShortBytes(Words.latin1(host.text())));
        writer.writeShortBytes(port.getBytes(StandardCharsets.ISO_8859_1));
        writer.writeShortBytes(keyHash);
    }

    public static SmpServerAddress readFrom(SmpReader reader) throws DecodingException {
        List<TransportHost> hosts = reader.readNonEmptyList(r -> TransportHost.parse(Words.readLatin1Short(r)));
        String port = new String(reader.readShortBytes(), StandardCharsets.ISO_8859_1);
        byte[] keyHash = reader.readShortBytes();
        return new SmpServerAddress(hosts, port, keyHash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmpServerAddress address
                && hosts.equals(address.hosts)
                && port.equals(address.port)
                && Arrays.equals(keyHash, address.keyHash);
    }

    @Override
    public int hashCode() {
        return (hosts.hashCode() * 31 + port.hashCode()) * 31 + Arrays.hashCode(keyHash);
    }

    @Override
    public String toString() {
        return toText();
    }
}
