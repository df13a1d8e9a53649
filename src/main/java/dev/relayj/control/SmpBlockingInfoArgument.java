package dev.relayj.control;

import dev.relayj.smp.protocol.BlockingInfo;

/** The SMP {@code block} command's blocking info, in the SMP protocol's own type. */
final class SmpBlockingInfoArgument {
    private SmpBlockingInfoArgument() {}

    static BlockingInfo parse(LineCursor in) throws ControlParseException {
        return BlockingInfoArgument.parse(in, BlockingInfo::fromText);
    }
}
