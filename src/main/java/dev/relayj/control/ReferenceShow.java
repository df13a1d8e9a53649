package dev.relayj.control;

import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.ClientNotice;
import dev.relayj.smp.protocol.QueueMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The reference prints some values with Haskell's derived {@code show}; these render the same
 * text for ours (records as {@code Name {field = value}}, {@code Just (..)}/{@code Nothing},
 * negative numbers in parentheses where they are arguments).
 */
final class ReferenceShow {
    private ReferenceShow() {}

    /** {@code show} of {@code BlockingInfo} in {@code Protocol.hs}. */
    static String blockingInfo(BlockingInfo info) {
        String reason = switch (info.reason()) {
            case SPAM -> "BRSpam";
            case CONTENT -> "BRContent";
        };
        return "BlockingInfo {reason = " + reason + ", notice = " + notice(info.notice()) + "}";
    }

    private static String notice(ClientNotice notice) {
        if (notice == null) {
            return "Nothing";
        }
        Long ttl = notice.ttlSeconds();
        return "Just (ClientNotice {ttl = " + (ttl == null ? "Nothing" : "Just " + argument(ttl)) + "})";
    }

    /** {@code show} of {@code ServerEntityStatus} in {@code QueueStore.hs}. */
    static String entityStatus(SmpControlTarget.QueueEntityStatus status) {
        return switch (status) {
            case SmpControlTarget.QueueEntityStatus.Active a -> "EntityActive";
            case SmpControlTarget.QueueEntityStatus.Blocked b -> "EntityBlocked (" + blockingInfo(b.info()) + ")";
            case SmpControlTarget.QueueEntityStatus.Off o -> "EntityOff";
        };
    }

    /** {@code show} of {@code Maybe SystemDate} ({@code RoundedSystemTime 86400}). */
    static String updatedAt(OptionalLong seconds) {
        return seconds.isEmpty() ? "Nothing" : "Just (RoundedSystemTime {roundedSeconds = " + seconds.getAsLong() + "})";
    }

    /** {@code show} of {@code Maybe QueueMode}. */
    static String queueMode(Optional<QueueMode> mode) {
        return mode.map(m -> switch (m) {
            case MESSAGING -> "Just QMMessaging";
            case CONTACT -> "Just QMContact";
        }).orElse("Nothing");
    }

    /** {@code show} of a {@code UTCTime}: {@code 2024-01-31 12:00:00.5 UTC}, fraction trimmed. */
    static String utcTime(Instant t) {
        LocalDateTime dt = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(32).append(dt.toLocalDate()).append(' ');
        sb.append(String.format("%02d:%02d:%02d", dt.getHour(), dt.getMinute(), dt.getSecond()));
        if (dt.getNano() != 0) {
            String digits = String.format("%09d", dt.getNano()).replaceAll("0+$", "");
            sb.append('.').append(digits);
        }
        return sb.append(" UTC").toString();
    }

    /** {@code show} of a tuple of numbers. */
    static String tuple(long... values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(",", "(", ")"));
    }

    /** {@code show} of a list of numbers. */
    static String list(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
    }

    /** {@code show} of an {@code IntSet}. */
    static String intSet(long[] values) {
        return "fromList " + list(values);
    }

    /** A number as a constructor argument: negative ones in parentheses. */
    private static String argument(long n) {
        return n < 0 ? "(" + n + ")" : Long.toString(n);
    }
}
