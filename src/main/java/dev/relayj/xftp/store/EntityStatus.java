package dev.relayj.xftp.store;

import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.BlockingInfo;

/**
 * Whether a file may be used ({@code ServerEntityStatus} in {@code Server/QueueStore.hs}); text form
 * {@code active}, {@code blocked,<BlockingInfo>} or {@code off}.
 */
public sealed interface EntityStatus {
    EntityStatus ACTIVE = new Active();
    EntityStatus OFF = new Off();

    record Active() implements EntityStatus {}

    record Blocked(BlockingInfo info) implements EntityStatus {}

    record Off() implements EntityStatus {}

    default String encode() {
        return switch (this) {
            case Active a -> "active";
            case Blocked b -> "blocked," + b.info().toText();
            case Off o -> "off";
        };
    }

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
        throw new DecodingException("bad entity status");
    }
}
