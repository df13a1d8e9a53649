package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;

/**
 * Why a file was blocked, with an optional notice for the client ({@code BlockingInfo} in
 * simplexmq {@code Protocol.hs}). Its text form is used both on the wire ({@code ERR BLOCKED ...})
 * and in the store log: {@code reason=spam} or {@code reason=content,notice={"ttl":3600}}; the
 * notice is JSON and runs to the end of its input.
 */
public record BlockingInfo(Reason reason, ClientNotice notice) {
    public BlockingInfo {
        if (reason == null) {
            throw new IllegalArgumentException("blocking reason is required");
        }
    }

    public enum Reason {
        SPAM("spam"),
        CONTENT("content");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A notice shown to the client; {@code ttl} in seconds, null when indefinite. */
    public record ClientNotice(Long ttl) {
        /** As aeson encodes it with {@code omitNothingFields}. */
        public String toJson() {
            return ttl == null ? "{}" : "{\"ttl\":" + ttl + "}";
        }
    }

    public String encode() {
        return "reason=" + reason.text() + (notice == null ? "" : ",notice=" + notice.toJson());
    }

    public static BlockingInfo parse(String text) throws DecodingException {
        if (!text.startsWith("reason=")) {
            throw new DecodingException("BlockingInfo must start with reason=");
        }
        String rest = text.substring("reason=".length());
        for (Reason reason : Reason.values()) {
            if (rest.startsWith(reason.text())) {
                String afterReason = rest.substring(reason.text().length());
                if (afterReason.isEmpty()) {
                    return new BlockingInfo(reason, null);
                }
                if (afterReason.startsWith(",notice=")) {
                    Long ttl = NoticeJson.parseTtl(afterReason.substring(",notice=".length()));
                    return new BlockingInfo(reason, new ClientNotice(ttl));
                }
                throw new DecodingException("unexpected text after blocking reason");
            }
        }
        throw new DecodingException("unknown blocking reason");
    }
}
