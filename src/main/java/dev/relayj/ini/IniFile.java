package dev.relayj.ini;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable INI file as the reference servers read it (Haskell package {@code ini-0.4.1},
 * {@code Data.Ini}):
 * <ul>
 *   <li>{@code [NAME]} starts a section, the name is trimmed; text after {@code ]} on the same line
 *       is read as another line;</li>
 *   <li>{@code key = value} and {@code key: value} both work; the key ends at the first {@code =} or
 *       {@code :} and cannot contain {@code [} or {@code ]}; key and value are trimmed, values may be empty;</li>
 *   <li>a line whose first non-blank character is {@code #} or {@code ;} is a comment; there are no
 *       inline comments, so {@code port = 443 # web} has the value {@code 443 # web};</li>
 *   <li>when a key repeats in a section the first value counts ({@code lookup}); when a section
 *       repeats the last one replaces the earlier ({@code Map.fromList});</li>
 *   <li>keys before the first section are kept as globals; unknown keys are kept and ignored.</li>
 * </ul>
 * Unlike the reference, which silently stops reading at the first line it cannot parse, a
 * malformed line is an error naming the file and the line.
 */
public final class IniFile {
    private final String fileName;
    private final Map<String, List<IniEntry>> sections;
    private final List<IniEntry> globals;

    private IniFile(String fileName, Map<String, List<IniEntry>> sections, List<IniEntry> globals) {
        this.fileName = fileName;
        this.sections = sections;
        this.globals = globals;
    }

    /** Reads and parses a UTF-8 file; the file name in error messages is the path as given. */
    public static IniFile read(Path file) throws IOException, IniException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses INI text; {@code fileName} is only used in error messages. */
    public static IniFile parse(String fileName, String text) throws IniException {
        Map<String, List<IniEntry>> sections = new LinkedHashMap<>();
        List<IniEntry> globals = new ArrayList<>();
        List<IniEntry> current = globals;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String rest = lines[i].strip();
            while (!rest.isEmpty()) {
                char first = rest.charAt(0);
                if (first == '#' || first == ';') {
                    break;
                }
                if (first == '[') {
                    int close = rest.indexOf(']');
                    int reopen = rest.indexOf('[', 1);
                    if (close < 0 || (reopen >= 0 && reopen < close)) {
                        throw new IniException(fileName + ":" + lineNo + ": section header without closing ']'");
                    }
                    String name = rest.substring(1, close).strip();
                    current = new ArrayList<>();
                    // Map.fromList in the reference: a repeated section replaces the earlier one
                    sections.remove(name);
                    sections.put(name, current);
                    rest = rest.substring(close + 1).strip();
                    continue;
                }
                current.add(parseEntry(fileName, lineNo, rest));
                break;
            }
        }
        Map<String, List<IniEntry>> frozen = new LinkedHashMap<>();
        sections.forEach((name, entries) -> frozen.put(name, List.copyOf(entries)));
        return new IniFile(fileName, Collections.unmodifiableMap(frozen), List.copyOf(globals));
    }

    private static IniEntry parseEntry(String fileName, int lineNo, String line) throws IniException {
        int delim = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=' || c == ':') {
                delim = i;
                break;
            }
            if (c == '[' || c == ']') {
                throw new IniException(fileName + ":" + lineNo + ": key cannot contain '" + c + "': " + line);
            }
        }
        if (delim < 0) {
            throw new IniException(fileName + ":" + lineNo + ": expected 'key = value' or 'key: value': " + line);
        }
        if (delim == 0) {
            throw new IniException(fileName + ":" + lineNo + ": missing key before '" + line.charAt(0) + "'");
        }
        return new IniEntry(line.substring(0, delim).strip(), line.substring(delim + 1).strip(), lineNo);
    }

    /** The file name used in error messages. */
    public String fileName() {
        return fileName;
    }

    /** Section names in file order. */
    public Set<String> sections() {
        return sections.keySet();
    }

    /** All entries of a section in file order (empty if there is no such section), unknown keys included. */
    public List<IniEntry> entries(String section) {
        return sections.getOrDefault(section, List.of());
    }

    /** Entries before the first section header. */
    public List<IniEntry> globals() {
        return globals;
    }

    /** The entry for a key, as {@code lookupValue}: the first one if the key repeats. */
    public Optional<IniEntry> entry(String section, String key) {
        for (IniEntry e : entries(section)) {
            if (e.key().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public Optional<String> value(String section, String key) {
        return entry(section, key).map(IniEntry::value);
    }

    /** A required value ({@code strictIni}); missing is an error naming section and key. */
    public String required(String section, String key) throws IniException {
        Optional<String> v = value(section, key);
        if (v.isEmpty()) {
            throw new IniException(fileName + ": no key " + key + " in section " + section);
        }
        return v.get();
    }

    /** The entry of a required key; missing is an error naming section and key. */
    public IniEntry requiredEntry(String section, String key) throws IniException {
        required(section, key);
        return entry(section, key).orElseThrow();
    }

    /** An {@code on}/{@code off} setting ({@code iniOnOff}): any other value is an error. */
    public Optional<Boolean> onOff(String section, String key) throws IniException {
        Optional<IniEntry> e = entry(section, key);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        return switch (e.get().value()) {
            case "on" -> Optional.of(true);
            case "off" -> Optional.of(false);
            default -> throw invalid(e.get(), "use on or off");
        };
    }

    /** An on/off setting with a default for when it is absent. */
    public boolean onOff(String section, String key, boolean dflt) throws IniException {
        return onOff(section, key).orElse(dflt);
    }

    /** {@code settingIsOn}: true only when present and {@code on}. */
    public boolean isOn(String section, String key) throws IniException {
        return onOff(section, key, false);
    }

    /** A whole decimal number. */
    public Optional<Long> longValue(String section, String key) throws IniException {
        Optional<IniEntry> e = entry(section, key);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(e.get().value()));
        } catch (NumberFormatException x) {
            throw invalid(e.get(), "expected a whole number");
        }
    }

    public long longValue(String section, String key, long dflt) throws IniException {
        return longValue(section, key).orElse(dflt);
    }

    public int intValue(String section, String key, int dflt) throws IniException {
        Optional<IniEntry> e = entry(section, key);
        if (e.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(e.get().value());
        } catch (NumberFormatException x) {
            throw invalid(e.get(), "expected a whole number");
        }
    }

    /** A required whole number ({@code readStrictIni}). */
    public long requiredLong(String section, String key) throws IniException {
        required(section, key);
        return longValue(section, key).orElseThrow();
    }

    /** A comma-separated list ({@code T.splitOn ","}), items trimmed; absent gives an empty list. */
    public List<String> list(String section, String key) {
        return value(section, key).map(IniFile::splitList).orElse(List.of());
    }

    static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            items.add(item.strip());
        }
        return List.copyOf(items);
    }

    /** An error for a present value that cannot be used, naming file, line, key and value. */
    public IniException invalid(IniEntry entry, String why) {
        return new IniException(fileName + ":" + entry.line() + ": invalid INI setting " + entry.key() + ": "
                + entry.value() + (why.isEmpty() ? "" : " (" + why + ")"));
    }
}
