package dev.relayj.cli;

import java.util.OptionalLong;

/** Byte counts as the reference writes and reads them: {@code 10gb}, {@code 512mb}, {@code 64kb} or plain bytes ({@code FileSize} in FileTransfer/Description.hs). */
final class FileSizes {
    private FileSizes() {}

    static String format(long bytes) {
        if (bytes % 1024 != 0) {
            return Long.toString(bytes);
        }
        long kb = bytes / 1024;
        if (kb % 1024 != 0) {
            return kb + "kb";
        }
        long mb = kb / 1024;
        if (mb % 1024 != 0) {
            return mb + "mb";
        }
        return mb / 1024 + "gb";
    }

    /** Parses a whole string; empty when it is not a size. */
    static OptionalLong parse(String text) {
        long unit = 1;
        String digits = text;
        if (text.endsWith("gb")) {
            unit = 1L << 30;
        } else if (text.endsWith("mb")) {
            unit = 1L << 20;
        } else if (text.endsWith("kb")) {
            unit = 1L << 10;
        }
        if (unit != 1) {
            digits = text.substring(0, text.length() - 2);
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(digits), unit));
        } catch (ArithmeticException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
