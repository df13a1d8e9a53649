package dev.relayj.acme;

import dev.relayj.encoding.DecodingException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of ACME messages (RFC 8259) as typed values: a value is one of the records below. The
 * text is read and strings are escaped by the one JSON codec, {@link dev.relayj.encoding.Json};
 * {@link #parse} never throws anything but {@link AcmeException} for bad input and refuses
 * nesting deeper than {@link #MAX_DEPTH}; {@link #write} produces compact JSON with members in
 * insertion order.
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
        try {
            return typed(dev.relayj.encoding.Json.parse(text), 0);
        } catch (DecodingException e) {
            throw new AcmeException(what + ": " + e.getMessage());
        }
    }

    /** The typed value of what {@link dev.relayj.encoding.Json} read. */
    private static Json typed(Object value, int depth) throws DecodingException {
        if (depth > MAX_DEPTH) {
            throw new DecodingException("malformed JSON (nested too deeply)");
        }
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Json> members = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    members.put((String) e.getKey(), typed(e.getValue(), depth + 1));
                }
                yield new Obj(members);
            }
            case List<?> list -> {
                List<Json> items = new ArrayList<>();
                for (Object item : list) {
                    items.add(typed(item, depth + 1));
                }
                yield new Arr(items);
            }
            case String s -> new Str(s);
            case BigDecimal n -> new Num(n);
            case Boolean b -> new Bool(b);
            default -> new Null();
        };
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
        out.append(dev.relayj.encoding.Json.quote(s));
    }
}
