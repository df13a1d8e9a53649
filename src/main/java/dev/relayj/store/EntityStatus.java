package dev.relayj.store;

import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.smp.store.QueueStore;

/**
 * The status of a queue or file ({@code ServerEntityStatus} in simplexmq's {@code QueueStore.hs},
 * which the XFTP server uses too): active, blocked by the operator, or suspended (OFF).
 * Text forms: {@code active}, {@code blocked,reason=...}, {@code off}.
 */
public sealed interface EntityStatus {
    Active ACTIVE = new Active();
    Off OFF = new Off();

    String encode();

    record Active() implements EntityStatus {
        @Override
        public String encode() {
            return "active";
        }
    }

    record Off() implements EntityStatus {
        @Override
        public String encode() {
            return "off";
        }
    }

    record Blocked(BlockingInfo info) implements EntityStatus {
        public Blocked {
            if (info == null) {
                throw new IllegalArgumentException("blocking info is required");
            }
        }

        @Override
        public String encode() {
            return "blocked," + info.toText();
        }
    }

    /** Reads the text form; anything else is an error naming the text. */
    static EntityStatus parse(String text) throws DecodingException {
        if (text.equals("active")) {
            return ACTIVE;
        }
        if (text.equals("off")) {
            return OFF;
        }
        if (text.startsWith("blocked,")) {
            return new Blocked(BlockingInfo.fromText(text.substring("blocked,".length())));
        }
        throw new DecodingException("unknown entity status '" + text + "'");
    }
}
