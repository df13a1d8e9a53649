package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;

/**
 * Reads the JSON of a client notice as aeson's derived parser would: one object, whitespace
 * allowed, unknown fields ignored, {@code ttl} an integer or null or absent. Bounded by its input.
 */
final class NoticeJson {
    private final String text;
    private int position;

    private NoticeJson(String text) {
        this.text = text;
    }

    static Long parseTtl(String json) throws DecodingException {
        NoticeJson reader = new NoticeJson(json);
        Long ttl = reader.readNoticeObject();
        reader.skipWhitespace();
        if (reader.position != json.length()) {
            throw new DecodingException("trailing characters after notice JSON");
        }
        return ttl;
    }

    private Long readNoticeObject() throws DecodingException {
        skipWhitespace();
        expect('{');
        Long ttl = null;
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return null;
        }
        while (true) {
            skipWhitespace();
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (key.equals("ttl")) {
                ttl = readNullableLong();
            } else {
                skipValue(0);
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return ttl;
            }
            if (c != ',') {
                throw new DecodingException("expected ',' or '}' in notice JSON");
            }
        }
    }

    private Long readNullableLong() throws DecodingException {
        if (text.startsWith("null", position)) {
            position += 4;
            return null;
        }
        int start = position;
        if (peek() == '-') {
            position++;
        }
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        try {
            return Long.parseLong(text.substring(start, position));
        } catch (NumberFormatException e) {
            throw new DecodingException("notice ttl is not an integer");
        }
    }

    private void skipValue(int depth) throws DecodingException {
        if (depth > 32) {
            throw new DecodingException("notice JSON nested too deep");
        }
        char c = peek();
        switch (c) {
            case '"' -> readString();
            case '{', '[' -> {
                char close = c == '{' ? '}' : ']';
                position++;
                skipWhitespace();
                if (peek() == close) {
                    position++;
                    return;
                }
                while (true) {
                    skipWhitespace();
                    if (close == '}') {
                        readString();
                        skipWhitespace();
                        expect(':');
                        skipWhitespace();
                    }
                    skipValue(depth + 1);
                    skipWhitespace();
                    char d = next();
                    if (d == close) {
                        return;
                    }
                    if (d != ',') {
                        throw new DecodingException("bad JSON container in notice");
                    }
                }
            }
            default -> {
                int start = position;
                while (position < text.length() && "-+.eE0123456789truefalsn".indexOf(text.charAt(position)) >= 0) {
                    position++;
                }
                if (start == position) {
                    throw new DecodingException("bad JSON value in notice");
                }
            }
        }
    }

    private String readString() throws DecodingException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char escaped = next();
                if (escaped == 'u') {
                    if (position + 4 > text.length()) {
                        throw new DecodingException("bad escape in notice JSON");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    } catch (NumberFormatException e) {
                        throw new DecodingException("bad escape in notice JSON");
                    }
                    position += 4;
                } else {
                    out.append(escaped);
                }
            } else {
                out.append(c);
            }
        }
    }

    private void skipWhitespace() {
        while (position < text.length() && " \t\n\r".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private char peek() throws DecodingException {
        if (position >= text.length()) {
            throw new DecodingException("notice JSON ended early");
        }
        return text.charAt(position);
    }

    private char next() throws DecodingException {
        char c = peek();
        position++;
        return c;
    }

    private void expect(char expected) throws DecodingException {
        if (next() != expected) {
            throw new DecodingException("expected '" + expected + "' in notice JSON");
        }
    }
}
