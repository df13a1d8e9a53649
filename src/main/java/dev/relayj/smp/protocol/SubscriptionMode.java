package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/** Whether NEW also subscribes the creating connection to the queue ({@code SubscriptionMode}). */
public enum SubscriptionMode {
    SUBSCRIBE('S', "subscribe"),
    ONLY_CREATE('C', "only-create");

    private final char code;
    private final String text;

    SubscriptionMode(char code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The text form used in store logs. */
    public String text() {
        return text;
    }

    public void writeTo(SmpWriter writer) {
        writer.writeChar(code);
    }

    public static SubscriptionMode readFrom(SmpReader reader) throws DecodingException {
        return switch (reader.readByte()) {
            case 'S' -> SUBSCRIBE;
            case 'C' -> ONLY_CREATE;
            default -> throw new DecodingException("bad SubscriptionMode");
        };
    }
}
