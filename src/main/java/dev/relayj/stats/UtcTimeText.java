package dev.relayj.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * UTC times as the reference writes them: {@code iso8601Show} of a {@code UTCTime}
 * ({@code yyyy-mm-ddThh:mm:ss[.fraction]Z}, the fraction without trailing zeros and absent when
 * zero), and the parser of {@code strP @UTCTime} in {@code Encoding/String.hs}.
 */
public final class UtcTimeText {
    private UtcTimeText() {}

    public static String format(Instant t) {
        LocalDateTime dt = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(32);
        sb.append(dt.toLocalDate()).append('T');
        pad2(sb, dt.getHour()).append(':');
        pad2(sb, dt.getMinute()).append(':');
        pad2(sb, dt.getSecond());
        int nanos = dt.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(digits, 0, end);
        }
        return sb.append('Z').toString();
    }

    /** The UTC calendar day, as {@code iso8601Show (utctDay t)}: {@code yyyy-mm-dd}. */
    public static String formatDay(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }

    /**
     * Parses {@code yyyy-mm-ddThh:mm:ss[.fraction]Z}; the reference keeps picoseconds, so digits
     * past the ninth are dropped.
     */
    public static Instant parse(String text) throws StatsFormatException {
        int len = text.length();
        if (len < 20 || text.charAt(len - 1) != 'Z' || text.charAt(10) != 'T') {
            throw new StatsFormatException("bad UTCTime: " + text);
        }
        String whole = text.substring(0, 19);
        String fraction = text.substring(19, len - 1);
        int nanos = 0;
        if (!fraction.isEmpty()) {
            if (fraction.length() < 2 || fraction.length() > 13 || fraction.charAt(0) != '.') {
                throw new StatsFormatException("bad UTCTime: " + text);
            }
            String digits = fraction.substring(1);
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    throw new StatsFormatException("bad UTCTime: " + text);
                }
            }
            String nine = (digits + "000000000").substring(0, 9);
            nanos = Integer.parseInt(nine);
        }
        try {
            return LocalDateTime.parse(whole).withNano(nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new StatsFormatException("bad UTCTime: " + text);
        }
    }

    private static StringBuilder pad2(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
