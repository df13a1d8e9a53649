package dev.relayj.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.nio.charset.StandardCharsets;

/**
 * Why an entity was blocked ({@code BlockingInfo}, SMP v12; the notice from v18). The same text
 * is used on the wire and in store logs: {@code reason=spam} or
 * {@code reason=content,notice={"ttl":86400}}.
 *
 * @param notice the client notice, or null
 */
public record BlockingInfo(Reason reason, ClientNotice notice) {

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

    public BlockingInfo {
        if (reason == null) {
            throw new IllegalArgumentException("a blocking reason is required");
        }
    }

    public BlockingInfo withoutNotice() {
        return new BlockingInfo(reason, null);
    }

    public String toText() {
        String text = "reason=" + reason.text();
        return notice == null ? text : text + ",notice=" + notice.toJson();
    }

    public static BlockingInfo fromText(String text) throws DecodingException {
        SmpReader reader = new SmpReader(text.getBytes(StandardCharsets.UTF_8));
        BlockingInfo info = readFrom(reader);
        reader.expectEnd();
        return info;
    }

    public void writeTo(SmpWriter writer) {
        writer.writeRaw(toText().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the text form; the notice, when present, takes all remaining input. */
    public static BlockingInfo readFrom(SmpReader reader) throws DecodingException {
        if (!reader.consumeIfNext("reason=")) {
            throw new DecodingException("expected reason=");
        }
        Reason reason;
        if (reader.consumeIfNext("spam")) {
            reason = Reason.SPAM;
        } else if (reader.consumeIfNext("content")) {
            reason = Reason.CONTENT;
        } else {
            throw new DecodingException("bad blocking reason");
        }
        ClientNotice notice = null;
        if (reader.consumeIfNext(",notice=")) {
            byte[] json = reader.readTail();
            notice = ClientNotice.fromJson(decodeUtf8(json));
        }
        return new BlockingInfo(reason, notice);
    }

    private static String decodeUtf8(byte[] bytes) throws DecodingException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DecodingException("notice is not UTF-8");
        }
    }
}
