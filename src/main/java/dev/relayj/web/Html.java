package dev.relayj.web;

import java.util.Locale;
import java.util.Optional;

/**
 * Escaping for the generated pages. Every value from the configuration passes through here, so an
 * operator name like {@code <script>} is shown as text and never runs.
 */
final class Html {
    private Html() {}

    /** Text content or a quoted attribute value: the five characters HTML gives meaning to. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab and newline have no business on the page
                    if (c < 0x20 && c != '\t' && c != '\n') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * A link to {@code uri} showing {@code label}, or the label alone when the URI's scheme is not
     * one a page should link to (a {@code javascript:} URI in the INI file stays inert text).
     */
    static String link(String uri, String label) {
        return safeHref(uri)
                .map(href -> "<a href=\"" + escape(href) + "\" rel=\"noopener noreferrer\">" + escape(label) + "</a>")
                .orElseGet(() -> escape(label));
    }

    /** The URI when it is an absolute http(s), mailto or simplex URI without whitespace or controls. */
    static Optional<String> safeHref(String uri) {
        String u = uri.strip();
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return Optional.empty();
            }
        }
        String lower = u.toLowerCase(Locale.ROOT);
        boolean allowed = (lower.startsWith("https://") || lower.startsWith("http://")) && u.length() > lower.indexOf("//") + 2
                || lower.startsWith("mailto:") && u.length() > 7
                || lower.startsWith("simplex:") && u.length() > 8;
        return allowed ? Optional.of(u) : Optional.empty();
    }
}
