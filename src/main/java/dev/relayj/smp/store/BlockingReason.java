package dev.relayj.smp.store;

/** Why an operator blocked a queue ({@code BlockingReason} in simplexmq's {@code Protocol.hs}). */
public enum BlockingReason {
    SPAM("spam"),
    CONTENT("content");

    private final String text;

    BlockingReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The reason for its text form, or null. */
    public static BlockingReason fromText(String text) {
        for (BlockingReason reason : values()) {
            if (reason.text.equals(text)) {
                return reason;
            }
        }
        return null;
    }
}
