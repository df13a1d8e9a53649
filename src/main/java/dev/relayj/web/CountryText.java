package dev.relayj.web;

import java.util.Locale;

/**
 * A country as the page shows it: flag, English name and code, such as "🇩🇪 Germany (DE)". The
 * reference prints only the code; the name and flag help a reader, and the code stays for search.
 * The flag is hidden from screen readers, which would spell out its two regional indicators.
 */
final class CountryText {
    private static final int REGIONAL_INDICATOR_A = 0x1F1E6;

    private CountryText() {}

    /** The country as an HTML fragment; anything that is not a two-letter code is shown escaped as given. */
    static String html(String code) {
        String c = code.strip();
        if (c.length() != 2 || !isAsciiLetter(c.charAt(0)) || !isAsciiLetter(c.charAt(1))) {
            return Html.escape(c);
        }
        String upper = c.toUpperCase(Locale.ROOT);
        String name = Locale.of("", upper).getDisplayCountry(Locale.ENGLISH);
        String flag = new StringBuilder()
                .appendCodePoint(REGIONAL_INDICATOR_A + upper.charAt(0) - 'A')
                .appendCodePoint(REGIONAL_INDICATOR_A + upper.charAt(1) - 'A')
                .toString();
        // Locale echoes the code back for codes it does not know
        String label = name.isEmpty() || name.equals(upper) ? upper : name + " (" + upper + ")";
        return "<span aria-hidden=\"true\">" + flag + "</span> " + Html.escape(label);
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    }
}
