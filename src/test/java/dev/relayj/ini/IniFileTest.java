package dev.relayj.ini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IniFileTest {
    private static IniFile ini(String text) throws IniException {
        return IniFile.parse("test.ini", text);
    }

    @Test
    void readsBothSeparatorsAndTrims() throws IniException {
        IniFile f = ini("[TRANSPORT]\n  host =  example.com  \nport: 5223,443\nempty =\n");
        assertEquals(Optional.of("example.com"), f.value("TRANSPORT", "host"));
        assertEquals(Optional.of("5223,443"), f.value("TRANSPORT", "port"));
        assertEquals(Optional.of(""), f.value("TRANSPORT", "empty"));
        assertEquals(Optional.empty(), f.value("TRANSPORT", "missing"));
        assertEquals(Optional.empty(), f.value("OTHER", "host"));
    }

    @Test
    void valueKeepsLaterSeparators() throws IniException {
        IniFile f = ini("[A]\nurl = https://example.com/a=b\nsocks: localhost:9050\n");
        assertEquals(Optional.of("https://example.com/a=b"), f.value("A", "url"));
        assertEquals(Optional.of("localhost:9050"), f.value("A", "socks"));
    }

    @Test
    void commentsOnlyAtLineStart() throws IniException {
        IniFile f = ini("# top\n; also\n[A]\n  # indented comment\nx = 1 # not a comment\n;y = 2\n");
        assertEquals(Optional.of("1 # not a comment"), f.value("A", "x"));
        assertEquals(Optional.empty(), f.value("A", "y"));
        assertEquals(List.of("x"), f.entries("A").stream().map(IniEntry::key).toList());
    }

    @Test
    void sectionNamesTrimmedAndCrlfAccepted() throws IniException {
        IniFile f = ini("[ WEB ]\r\nhttp = 8000\r\n");
        assertEquals(Optional.of("8000"), f.value("WEB", "http"));
        assertEquals(2, f.entry("WEB", "http").orElseThrow().line());
    }

    @Test
    void textAfterSectionHeaderIsAnotherLine() throws IniException {
        IniFile f = ini("[A] x = 1\n[B] # comment\n");
        assertEquals(Optional.of("1"), f.value("A", "x"));
        assertTrue(f.entries("B").isEmpty());
    }

    @Test
    void firstRepeatedKeyWinsLastRepeatedSectionWins() throws IniException {
        IniFile f = ini("[A]\nx = 1\nx = 2\n[B]\ny = 1\n[B]\nz = 2\n");
        assertEquals(Optional.of("1"), f.value("A", "x"));
        assertEquals(Optional.empty(), f.value("B", "y"));
        assertEquals(Optional.of("2"), f.value("B", "z"));
    }

    @Test
    void unknownKeysAndGlobalsKept() throws IniException {
        IniFile f = ini("g = 0\n[STORE_LOG]\nenable = on\nfuture_key = whatever\n");
        assertEquals(List.of(new IniEntry("g", "0", 1)), f.globals());
        assertEquals(Optional.of("whatever"), f.value("STORE_LOG", "future_key"));
        assertEquals(List.of("STORE_LOG"), List.copyOf(f.sections()));
    }

    @Test
    void onOffBooleans() throws IniException {
        IniFile f = ini("[A]\na = on\nb = off\nc = yes\n");
        assertEquals(Optional.of(true), f.onOff("A", "a"));
        assertEquals(Optional.of(false), f.onOff("A", "b"));
        assertEquals(Optional.empty(), f.onOff("A", "z"));
        assertTrue(f.onOff("A", "z", true));
        assertTrue(f.isOn("A", "a"));
        assertFalse(f.isOn("A", "z"));
        IniException e = assertThrows(IniException.class, () -> f.onOff("A", "c"));
        assertEquals("test.ini:4: invalid INI setting c: yes (use on or off)", e.getMessage());
    }

    @Test
    void lists() throws IniException {
        IniFile f = ini("[TRANSPORT]\nport = 5223, 443\none = 5223\n");
        assertEquals(List.of("5223", "443"), f.list("TRANSPORT", "port"));
        assertEquals(List.of("5223"), f.list("TRANSPORT", "one"));
        assertEquals(List.of(), f.list("TRANSPORT", "none"));
    }

    @Test
    void numbers() throws IniException {
        IniFile f = ini("[A]\nn = 21\nbad = 2x\n");
        assertEquals(21, f.intValue("A", "n", 5));
        assertEquals(5, f.intValue("A", "m", 5));
        assertEquals(21L, f.requiredLong("A", "n"));
        IniException e = assertThrows(IniException.class, () -> f.longValue("A", "bad"));
        assertEquals("test.ini:3: invalid INI setting bad: 2x (expected a whole number)", e.getMessage());
    }

    @Test
    void missingRequiredKeyNamesSectionAndKey() throws IniException {
        IniFile f = ini("[TRANSPORT]\nhost = h\n");
        IniException e = assertThrows(IniException.class, () -> f.required("TRANSPORT", "port"));
        assertEquals("test.ini: no key port in section TRANSPORT", e.getMessage());
        assertThrows(IniException.class, () -> f.requiredLong("INACTIVE_CLIENTS", "ttl"));
    }

    @Test
    void malformedLinesNameFileAndLine() {
        assertEquals("test.ini:3: expected 'key = value' or 'key: value': just words",
                assertThrows(IniException.class, () -> ini("[A]\nx = 1\njust words\n")).getMessage());
        assertEquals("test.ini:2: section header without closing ']'",
                assertThrows(IniException.class, () -> ini("[A]\n[B\n")).getMessage());
        assertEquals("test.ini:1: missing key before '='",
                assertThrows(IniException.class, () -> ini("= 1\n")).getMessage());
        assertEquals("test.ini:2: key cannot contain ']': a]b = 1",
                assertThrows(IniException.class, () -> ini("[A]\na]b = 1\n")).getMessage());
    }

    @Test
    void readsFileNamingItsPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("smp-server.ini");
        Files.writeString(file, "[A]\nbroken\n");
        IniException e = assertThrows(IniException.class, () -> IniFile.read(file));
        assertEquals(file + ":2: expected 'key = value' or 'key: value': broken", e.getMessage());
    }
}
