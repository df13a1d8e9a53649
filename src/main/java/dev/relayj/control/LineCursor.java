package dev.relayj.control;

import java.util.Arrays;

/**
 * Reads one control-port line the way the reference's attoparsec parsers do, failing with the
 * same messages ({@code parseOnly} over complete input, attoparsec 0.14): "not enough input" when
 * the line ends too early, "Failed reading: ..." from {@code fail}, a context prefix such as
 * "space: " from {@code <?>}, and "endOfInput" when text is left over.
 */
final class LineCursor {
    static final String NOT_ENOUGH_INPUT = "not enough input";

    private final byte[] line;
    private int pos;

    LineCursor(byte[] line) {
        this.line = line;
    }

    boolean atEnd() {
        return pos == line.length;
    }

    /** The rest of the line, without consuming it. */
    byte[] rest() {
        return Arrays.copyOfRange(line, pos, line.length);
    }

    void skipToEnd() {
        pos = line.length;
    }

    /** {@code A.takeTill (== ' ')}: never fails, may be empty. */
    byte[] takeTillSpace() {
        int start = pos;
        while (pos < line.length && line[pos] != ' ') {
            pos++;
        }
        return Arrays.copyOfRange(line, start, pos);
    }

    /** {@code A.space} of {@code Data.Attoparsec.ByteString.Char8}: a space or one of TAB..CR. */
    void space() throws ControlParseException {
        if (atEnd()) {
            throw new ControlParseException("space: " + NOT_ENOUGH_INPUT);
        }
        int c = line[pos] & 0xFF;
        if (c != ' ' && (c < '\t' || c > '\r')) {
            throw new ControlParseException("space: Failed reading: satisfyWith");
        }
        pos++;
    }

    /** {@code A.takeWhile1 p}: at least one byte satisfying {@code p}. */
    byte[] takeWhile1(BytePredicate p) throws ControlParseException {
        if (atEnd()) {
            throw new ControlParseException(NOT_ENOUGH_INPUT);
        }
        byte[] taken = takeWhile(p);
        if (taken.length == 0) {
            throw new ControlParseException("Failed reading: takeWhile1");
        }
        return taken;
    }

    /** {@code A.takeWhile p}: never fails, may be empty. */
    byte[] takeWhile(BytePredicate p) {
        int start = pos;
        while (pos < line.length && p.test(line[pos] & 0xFF)) {
            pos++;
        }
        return Arrays.copyOfRange(line, start, pos);
    }

    /**
     * A literal string ({@code A.string}): "string" on a mismatch, "not enough input" when the
     * line ends inside what would otherwise match.
     */
    void string(String literal) throws ControlParseException {
        if (!tryString(literal)) {
            int remaining = line.length - pos;
            boolean truncatedMatch = remaining < literal.length()
                    && matchesAt(literal.substring(0, remaining));
            throw new ControlParseException(truncatedMatch ? NOT_ENOUGH_INPUT : "string");
        }
    }

    /** Consumes {@code literal} if the line continues with it; attoparsec backtracks otherwise. */
    boolean tryString(String literal) {
        if (line.length - pos >= literal.length() && matchesAt(literal)) {
            pos += literal.length();
            return true;
        }
        return false;
    }

    /** {@code A.endOfInput}. */
    void endOfInput() throws ControlParseException {
        if (!atEnd()) {
            throw new ControlParseException("endOfInput");
        }
    }

    private boolean matchesAt(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            if ((line[pos + i] & 0xFF) != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    interface BytePredicate {
        boolean test(int unsignedByte);
    }
}
