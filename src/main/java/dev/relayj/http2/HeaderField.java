package dev.relayj.http2;

import java.util.Objects;

/**
 * One header field as HPACK carries it. Names and values are octet strings on the wire; they are
 * held here as ISO-8859-1 strings so every octet maps to exactly one char and back, losslessly.
 */
public record HeaderField(String name, String value) {
    /** RFC 7541 §4.1: an entry's size is its name and value octets plus 32. */
    public static final int ENTRY_OVERHEAD = 32;

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Size as counted by the dynamic table and by SETTINGS_MAX_HEADER_LIST_SIZE. */
    public int size() {
        return name.length() + value.length() + ENTRY_OVERHEAD;
    }

    public boolean isPseudo() {
        return name.startsWith(":");
    }
}
