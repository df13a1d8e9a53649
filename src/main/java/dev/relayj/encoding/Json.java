package dev.relayj.encoding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the servers read and write (client notices in BLOCKED, queue info in INFO, the ACME
 * client's messages): writing strings the way Haskell's aeson escapes them, and reading a complete JSON text into
 * maps, lists, strings, {@link BigDecimal}s, booleans and {@link #NULL}.
 */
public final class Json {
    /** JSON {@code null}, distinct from an absent field. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /** Parses a whole JSON text; trailing non-space characters are an error. */
    public static Object parse(String text) throws DecodingException {
        Json json = new Json(text);
        json.skipSpace();
        Object value = json.value(0);
        json.skipSpace();
        if (json.position != text.length()) {
            throw json.malformed("trailing characters after the value");
        }
        return value;
    }

    /** A JSON string literal, escaped as aeson does: quote, backslash and control characters only. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private Object value(int depth) throws DecodingException {
        if (depth > MAX_DEPTH) {
            throw malformed("JSON nested too deeply");
        }
        char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) throws DecodingException {
        expect('{');
        Map<String, Object> fields = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            position++;
            return fields;
        }
        while (true) {
            skipSpace();
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            fields.put(name, value(depth + 1));
            skipSpace();
            char c = next();
            if (c == '}') {
                return fields;
            }
            if (c != ',') {
                throw malformed("expected ',' or '}' in JSON object");
            }
        }
    }

    private List<Object> array(int depth) throws DecodingException {
        expect('[');
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            position++;
            return items;
        }
        while (true) {
            skipSpace();
            items.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') {
                return items;
            }
            if (c != ',') {
                throw malformed("expected ',' or ']' in JSON array");
            }
        }
    }

    private String string() throws DecodingException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw malformed("control character in JSON string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> throw malformed("bad escape in JSON string");
            }
        }
    }

    private char hex4() throws DecodingException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw malformed("bad \\u escape in JSON string");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private BigDecimal number() throws DecodingException {
        int start = position;
        if (position < text.length() && text.charAt(position) == '-') {
            position++;
        }
        int digitsStart = position;
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
        if (position == digitsStart || (text.charAt(digitsStart) == '0' && position - digitsStart > 1)) {
            throw malformed("bad JSON number");
        }
        if (position < text.length() && text.charAt(position) == '.') {
            position++;
            requireDigits();
        }
        if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
            position++;
            if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
                position++;
            }
            requireDigits();
        }
        try {
            BigDecimal number = new BigDecimal(text.substring(start, position));
            if (Math.abs((long) number.scale()) > 10_000) {
                throw malformed("JSON number out of range");
            }
            return number;
        } catch (NumberFormatException e) {
            throw malformed("bad JSON number");
        }
    }

    private void requireDigits() throws DecodingException {
        int start = position;
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
        if (position == start) {
            throw malformed("bad JSON number");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws DecodingException {
        if (!text.startsWith(word, position)) {
            throw malformed("bad JSON literal");
        }
        position += word.length();
        return value;
    }

    private void skipSpace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private char peek() throws DecodingException {
        if (position >= text.length()) {
            throw malformed("unexpected end of JSON");
        }
        return text.charAt(position);
    }

    private char next() throws DecodingException {
        char c = peek();
        position++;
        return c;
    }

    private void expect(char c) throws DecodingException {
        if (next() != c) {
            throw malformed("expected '" + c + "' in JSON");
        }
    }

    /** An error naming where in the text it is, as both relays and the ACME client report it. */
    private DecodingException malformed(String problem) {
        return new DecodingException("malformed JSON at offset " + position + " (" + problem + ")");
    }
}
