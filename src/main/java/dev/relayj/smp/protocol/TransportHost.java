package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;

/**
 * A server host in a server address ({@code TransportHost} in {@code Transport/Client.hs}): an
 * IPv4 or IPv6 address, an onion host or a domain name, kept in its text form. In the binary
 * encoding a host is its text as a short byte string.
 */
public record TransportHost(Kind kind, String text) {

    public enum Kind {
        IPV4,
        IPV6,
        ONION,
        DOMAIN
    }

    public TransportHost {
        if (kind == null || text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a host needs a kind and text");
        }
    }

    /** Characters that end a host in an address ({@code A.notInClass ":#,;/ \n\r\t"}). */
    static boolean isHostTerminator(char c) {
        return c == ':' || c == '#' || c == ',' || c == ';' || c == '/' || c == ' ' || c == '\n' || c == '\r'
                || c == '\t';
    }

    /**
     * Parses a host at the start of {@code text}, trying the forms in the reference's order;
     * returns the host and how many characters it took.
     */
    static Parsed parsePrefix(String text, int start) throws DecodingException {
        Parsed ipv4 = ipv4(text, start);
        if (ipv4 != null) {
            return ipv4;
        }
        Parsed ipv6 = ipv6(text, start);
        if (ipv6 != null) {
            return ipv6;
        }
        int end = start;
        while (end < text.length() && (isAsciiLower(text.charAt(end)) || isDigit(text.charAt(end)))) {
            end++;
        }
        if (text.startsWith(".onion", end)) {
            return new Parsed(new TransportHost(Kind.ONION, text.substring(start, end + 6)), end + 6);
        }
        end = start;
        while (end < text.length() && !isHostTerminator(text.charAt(end))) {
            end++;
        }
        String domain = text.substring(start, end);
        if (domain.isEmpty() || domain.endsWith(".onion")) {
            throw new DecodingException("invalid host");
        }
        return new Parsed(new TransportHost(Kind.DOMAIN, domain), end);
    }

    /** Parses a whole host text, as in the binary form of a server address. */
    public static TransportHost parse(String text) throws DecodingException {
        Parsed parsed = parsePrefix(text, 0);
        if (parsed.end() != text.length()) {
            throw new DecodingException("invalid host " + text);
        }
        return parsed.host();
    }

    record Parsed(TransportHost host, int end) {}

    private static Parsed ipv4(String text, int start) {
        int position = start;
        int[] parts = new int[4];
        for (int i = 0; i < 4; i++) {
            int digitsStart = position;
            long value = 0;
            while (position < text.length() && isDigit(text.charAt(position)) && position - digitsStart < 12) {
                value = value * 10 + (text.charAt(position) - '0');
                position++;
            }
            if (position == digitsStart) {
                return null;
            }
            if (i < 3) {
                if (value > 255 || position >= text.length() || text.charAt(position) != '.') {
                    return null;
                }
                position++;
            }
            // the last octet is read with A.decimal and truncated to 8 bits, as the reference does
            parts[i] = (int) (value & 0xFF);
        }
        String normalized = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
        return new Parsed(new TransportHost(Kind.IPV4, normalized), position);
    }

    private static Parsed ipv6(String text, int start) {
        int position = start;
        String address;
        if (position < text.length() && text.charAt(position) == '[') {
            int close = text.indexOf(']', position + 1);
            if (close <= position + 1) {
                return null;
            }
            address = text.substring(position + 1, close);
            position = close + 1;
        } else {
            while (position < text.length() && (isHexDigit(text.charAt(position)) || text.charAt(position) == ':')) {
                position++;
            }
            address = text.substring(start, position);
        }
        if (address.isEmpty() || !isIpv6(address)) {
            return null;
        }
        return new Parsed(new TransportHost(Kind.IPV6, address), position);
    }

    private static boolean isIpv6(String address) {
        if (address.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(isHexDigit(c) || c == ':')) {
                return false;
            }
        }
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = address.split(":", -1);
        int nonEmpty = 0;
        for (String group : groups) {
            if (group.length() > 4) {
                return false;
            }
            if (!group.isEmpty()) {
                nonEmpty++;
            }
        }
        return doubleColon >= 0 ? nonEmpty < 8 : groups.length == 8 && nonEmpty == 8;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public String toString() {
        return text;
    }
}
