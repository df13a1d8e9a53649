package dev.relayj.smp.store;

import dev.relayj.encoding.DecodingException;

/**
 * Why a queue is blocked ({@code BlockingInfo} in simplexmq's {@code Protocol.hs}). The notice is
 * the client notice as compact JSON text, kept verbatim (the store never interprets it), or null.
 * Text form: {@code reason=spam} or {@code reason=spam,notice={"ttl":86400}}; the protocol sends
 * the same text.
 */
public record BlockingInfo(BlockingReason reason, String noticeJson) {
    public BlockingInfo {
        if (reason == null) {
            throw new IllegalArgumentException("blocking reason is required");
        }
    }

    public String encode() {
        return "reason=" + reason.text() + (noticeJson == null ? "" : ",notice=" + noticeJson);
    }

    /** Parses the whole text; the notice, when present, runs to the end. */
    public static BlockingInfo parse(String text) throws DecodingException {
        if (!text.startsWith("reason=")) {
            throw new DecodingException("expected reason= in blocking info");
        }
        int comma = text.indexOf(",notice=");
        String reasonText = comma < 0 ? text.substring(7) : text.substring(7, comma);
        BlockingReason reason = BlockingReason.fromText(reasonText);
        if (reason == null) {
            throw new DecodingException("unknown blocking reason '" + reasonText + "'");
        }
        String notice = comma < 0 ? null : text.substring(comma + ",notice=".length());
        if (notice != null && notice.isEmpty()) {
            throw new DecodingException("empty blocking notice");
        }
        return new BlockingInfo(reason, notice);
    }
}
