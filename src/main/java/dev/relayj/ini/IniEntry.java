package dev.relayj.ini;

/** One {@code key = value} line: key and value trimmed, with the 1-based line it came from. */
public record IniEntry(String key, String value, int line) {}
