package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;

/**
 * Why a file was blocked, with an optional notice for the client. simplexmq's XFTP
 * {@code Protocol.hs} imports {@code BlockingInfo} from the SMP protocol, so the text form
 * ({@code reason=spam} or {@code reason=content,notice={"ttl":3600}}, used both on the wire in
 * {@code ERR BLOCKED ...} and in the store log) is read and written by
 * {@link dev.relayj.protocol.BlockingInfo}.
 */
public record BlockingInfo(Reason reason, ClientNotice notice) {
    public BlockingInfo {
        if (reason == null) {
            throw new IllegalArgumentException("blocking reason is required");
        }
    }

    public enum Reason {
        SPAM(dev.relayj.protocol.BlockingInfo.Reason.SPAM),
        CONTENT(dev.relayj.protocol.BlockingInfo.Reason.CONTENT);

        private final dev.relayj.protocol.BlockingInfo.Reason smp;

        Reason(dev.relayj.protocol.BlockingInfo.Reason smp) {
            this.smp = smp;
        }

        public String text() {
            return smp.text();
        }
    }

    /** A notice shown to the client; {@code ttl} in seconds, null when indefinite. */
    public record ClientNotice(Long ttl) {
        /** As aeson encodes it with {@code omitNothingFields}. */
        public String toJson() {
            return new dev.relayj.protocol.ClientNotice(ttl).toJson();
        }
    }

    public String encode() {
        return toSmp().toText();
    }

    public static BlockingInfo parse(String text) throws DecodingException {
        dev.relayj.protocol.BlockingInfo smp = dev.relayj.protocol.BlockingInfo.fromText(text);
        Reason reason = smp.reason() == dev.relayj.protocol.BlockingInfo.Reason.SPAM ? Reason.SPAM : Reason.CONTENT;
        return new BlockingInfo(reason, smp.notice() == null ? null : new ClientNotice(smp.notice().ttlSeconds()));
    }

    private dev.relayj.protocol.BlockingInfo toSmp() {
        return new dev.relayj.protocol.BlockingInfo(
                reason.smp, notice == null ? null : new dev.relayj.protocol.ClientNotice(notice.ttl()));
    }
}
