package dev.relayj.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A time-to-live in words, as the reference's {@code timedTTLText} (Server/Web.hs, itself from
 * simplex-chat): months of 30 days, then days, hours, minutes and seconds, zero parts left out,
 * with "1 week" and "2 weeks" for 7 and 14 days.
 */
final class TtlText {
    private TtlText() {}

    static String format(long seconds) {
        if (seconds == 0) {
            return "0 sec";
        }
        long s = seconds % 60;
        long totalMinutes = seconds / 60;
        long m = totalMinutes % 60;
        long totalHours = totalMinutes / 60;
        long h = totalHours % 24;
        long totalDays = totalHours / 24;
        long d = totalDays % 30;
        long months = totalDays / 30;
        List<String> parts = new ArrayList<>(5);
        if (months != 0) {
            parts.add(months == 1 ? "1 month" : months + " months");
        }
        if (d != 0) {
            parts.add(switch ((int) d) {
                case 1 -> "1 day";
                case 7 -> "1 week";
                case 14 -> "2 weeks";
                default -> d + " days";
            });
        }
        if (h != 0) {
            parts.add(h == 1 ? "1 hour" : h + " hours");
        }
        if (m != 0) {
            parts.add(m + " min");
        }
        if (s != 0) {
            parts.add(s + " sec");
        }
        return String.join(" ", parts);
    }
}
