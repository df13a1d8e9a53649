package dev.relayj.stats;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cursor over the lines of a stats state file. The reference parses these files with an
 * attoparsec sequence (the {@code strP} instances in {@code Server/Stats.hs}): fields come in a
 * fixed order, optional ones may be missing (older files) and then read as zero, and nothing may
 * follow the last field. This class offers exactly those steps.
 */
final class StateLines {
    private final List<String> lines;
    private int next;

    StateLines(String text) {
        List<String> split = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            split.add(line);
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        // the final newline ends the last line, it does not start another
        if (split.size() > 1 && split.get(split.size() - 1).isEmpty()) {
            split.remove(split.size() - 1);
        }
        this.lines = split;
    }

    /** {@code key=<integer>}, required. */
    long requireLong(String key) throws StatsFormatException {
        return parseLong(requireValue(key));
    }

    /** {@code key=<integer>} if this line has that key, otherwise 0 and nothing is consumed. */
    long optionalLong(String key) throws StatsFormatException {
        if (!hasPrefix(key)) {
            return 0;
        }
        return parseLong(takeValue(key));
    }

    /** The text after {@code key}, required. */
    String requireValue(String key) throws StatsFormatException {
        if (!hasPrefix(key)) {
            throw error("expected " + key);
        }
        return takeValue(key);
    }

    /** Consumes a line equal to {@code marker} if it is the current one. */
    boolean optionalMarker(String marker) {
        if (next < lines.size() && lines.get(next).equals(marker)) {
            next++;
            return true;
        }
        return false;
    }

    /** Consumes a line equal to {@code marker}, required. */
    void requireMarker(String marker) throws StatsFormatException {
        if (!optionalMarker(marker)) {
            throw error("expected " + marker);
        }
    }

    boolean hasPrefix(String key) {
        return next < lines.size() && lines.get(next).startsWith(key);
    }

    /** Fails unless every line has been read (blank trailing lines aside). */
    void requireEnd() throws StatsFormatException {
        for (int i = next; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                next = i;
                throw error("unexpected line");
            }
        }
    }

    /** {@code dayHashes=..}, {@code weekHashes=..}, {@code monthHashes=..} or the older {@code day=} form. */
    PeriodStatsData periodStats() throws StatsFormatException {
        long[] day = periodSet("day=", "dayHashes=");
        long[] week = periodSet("week=", "weekHashes=");
        long[] month = periodSet("month=", "monthHashes=");
        return new PeriodStatsData(day, week, month);
    }

    /** A comma-separated list of integers after {@code key} ({@code strP @IntSet}). */
    long[] requireHashes(String key) throws StatsFormatException {
        return hashList(requireValue(key));
    }

    private long[] periodSet(String idsKey, String hashesKey) throws StatsFormatException {
        if (hasPrefix(hashesKey)) {
            return hashList(takeValue(hashesKey));
        }
        if (hasPrefix(idsKey)) {
            String value = takeValue(idsKey);
            // the oldest files kept the ids themselves (base64url), hashed on load as the reference does
            IdHashSet set = new IdHashSet();
            for (String item : items(value)) {
                try {
                    set.add(IdHash.of(Base64Url.decode(item)));
                } catch (DecodingException e) {
                    throw errorAtPrevious("bad id " + item + ": " + e.getMessage());
                }
            }
            return set.toSortedArray();
        }
        throw error("expected " + hashesKey);
    }

    private long[] hashList(String value) throws StatsFormatException {
        List<String> items = items(value);
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parseLong(items.get(i));
        }
        return Arrays.stream(out).sorted().distinct().toArray();
    }

    private static List<String> items(String value) {
        List<String> items = new ArrayList<>();
        if (value.isEmpty()) {
            return items;
        }
        int start = 0;
        while (true) {
            int comma = value.indexOf(',', start);
            items.add(value.substring(start, comma < 0 ? value.length() : comma));
            if (comma < 0) {
                return items;
            }
            start = comma + 1;
        }
    }

    private String takeValue(String key) {
        return lines.get(next++).substring(key.length());
    }

    /** {@code A.signed A.decimal} over the value just taken: an optional sign and ASCII digits. */
    private long parseLong(String text) throws StatsFormatException {
        int i = 0;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            i = 1;
        }
        if (i == text.length() || text.length() - i > 19) {
            throw errorAtPrevious("bad integer '" + text + "'");
        }
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c < '0' || c > '9') {
                throw errorAtPrevious("bad integer '" + text + "'");
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw errorAtPrevious("bad integer '" + text + "'");
        }
    }

    private StatsFormatException error(String what) {
        String found = next < lines.size() ? "'" + lines.get(next) + "'" : "end of file";
        return new StatsFormatException("line " + (next + 1) + ": " + what + ", found " + found);
    }

    private StatsFormatException errorAtPrevious(String what) {
        return new StatsFormatException("line " + next + ": " + what);
    }
}
