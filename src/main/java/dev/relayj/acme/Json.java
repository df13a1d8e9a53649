package dev.relayj.acme;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of ACME messages (RFC 8259): a value is one of the records below. {@link #parse}
 * never throws anything but {@link AcmeException} for bad input and refuses nesting deeper than
 * {@link #MAX_DEPTH}; {@link #write} produces compact JSON with members in insertion order.
 */
sealed interface Json {
    int MAX_DEPTH = 32;

    record Obj(Map<String, Json> members) implements Json {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        Optional<Json> get(String name) {
            return Optional.ofNullable(members.get(name));
        }

        /** A string member, or empty when absent or not a string. */
        Optional<String> string(String name) {
            return get(name).filter(Str.class::isInstance).map(v -> ((Str) v).value());
        }

        String requireString(String name, String what) throws AcmeException {
            return string(name).orElseThrow(() -> new AcmeException(what + ": no \"" + name + "\" string"));
        }

        List<Json> array(String name) {
            return get(name).filter(Arr.class::isInstance).map(v -> ((Arr) v).items()).orElse(List.of());
        }

        Optional<Obj> object(String name) {
            return get(name).filter(Obj.class::isInstance).map(Obj.class::cast);
        }
    }

    record Arr(List<Json> items) implements Json {
        public Arr {
            items = List.copyOf(items);
        }
    }

    record Str(String value) implements Json {}

    record Num(BigDecimal value) implements Json {}

    record Bool(boolean value) implements Json {}

    record Null() implements Json {}

    /** An object from name/value pairs: {@code obj("a", str("x"), "b", ...)}. */
    static Obj obj(Object... namesAndValues) {
        Map<String, Json> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], (Json) namesAndValues[i + 1]);
        }
        return new Obj(members);
    }

    static Str str(String value) {
        return new Str(value);
    }

    /** Parses a whole document that must be an object; the message names what was being read. */
    static Obj parseObject(String text, String what) throws AcmeException {
        Json value = parse(text, what);
        if (value instanceof Obj o) {
            return o;
        }
        throw new AcmeException(what + ": malformed JSON (not an object)");
    }

    static Json parse(String text, String what) throws AcmeException {
        JsonReader reader = new JsonReader(text, what);
        Json value = reader.value(0);
        reader.end();
        return value;
    }

    static String write(Json value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Json value, StringBuilder out) {
        switch (value) {
            case Obj o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Json> e : o.members().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case Arr a -> {
                out.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(a.items().get(i), out);
                }
                out.append(']');
            }
            case Str s -> writeString(s.value(), out);
            case Num n -> out.append(n.value().toPlainString());
            case Bool b -> out.append(b.value());
            case Null n -> out.append("null");
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
        out.append('"');
    }

    /** A recursive-descent reader over one document. */
    final class JsonReader {
        private final String text;
        private final String what;
        private int pos;

        JsonReader(String text, String what) {
            this.text = text;
            this.what = what;
        }

        Json value(int depth) throws AcmeException {
            if (depth > MAX_DEPTH) {
                throw fail("nested too deeply");
            }
            skipSpace();
            if (pos >= text.length()) {
                throw fail("unexpected end");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> new Str(string());
                case 't' -> literal("true", new Bool(true));
                case 'f' -> literal("false", new Bool(false));
                case 'n' -> literal("null", new Null());
                default -> number();
            };
        }

        void end() throws AcmeException {
            skipSpace();
            if (pos != text.length()) {
                throw fail("trailing characters");
            }
        }

        private Obj object(int depth) throws AcmeException {
            pos++;
            Map<String, Json> members = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return new Obj(members);
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw fail("expected a member name");
                }
                String name = string();
                skipSpace();
                expect(':');
                members.put(name, value(depth + 1));
                skipSpace();
                char c = next();
                if (c == '}') {
                    return new Obj(members);
                }
                if (c != ',') {
                    throw fail("expected ',' or '}'");
                }
            }
        }

        private Arr array(int depth) throws AcmeException {
            pos++;
            List<Json> items = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return new Arr(items);
            }
            while (true) {
                items.add(value(depth + 1));
                skipSpace();
                char c = next();
                if (c == ']') {
                    return new Arr(items);
                }
                if (c != ',') {
                    throw fail("expected ',' or ']'");
                }
            }
        }

        private String string() throws AcmeException {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw fail("control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw fail("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw fail("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw fail("bad escape");
                }
            }
        }

        private Json number() throws AcmeException {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw fail("unexpected character '" + text.charAt(pos) + "'");
            }
            try {
                return new Num(new BigDecimal(text.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw fail("bad number");
            }
        }

        private Json literal(String word, Json value) throws AcmeException {
            if (!text.startsWith(word, pos)) {
                throw fail("unexpected character '" + text.charAt(pos) + "'");
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) throws AcmeException {
            if (next() != c) {
                throw fail("expected '" + c + "'");
            }
        }

        private char peek() throws AcmeException {
            if (pos >= text.length()) {
                throw fail("unexpected end");
            }
            return text.charAt(pos);
        }

        private char next() throws AcmeException {
            char c = peek();
            pos++;
            return c;
        }

        private void skipSpace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private AcmeException fail(String problem) {
            return new AcmeException(what + ": malformed JSON at offset " + pos + " (" + problem + ")");
        }
    }
}
