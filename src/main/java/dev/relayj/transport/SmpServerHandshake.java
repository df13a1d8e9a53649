package dev.relayj.transport;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.encoding.VersionRange;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code SMPServerHandshake}, the first block the server sends:
 *
 * <pre>
 * | minVersion (2) | maxVersion (2) | sessionId (1+n) | [certChainPubKey] | ignored ... |
 * </pre>
 *
 * The signed key is written only when the range's maximum is at least {@code authCmdsSMPVersion}
 * (7), and read then as optional: bytes that are not a valid key are not an error
 * ({@code encodeAuthEncryptCmds} / {@code authEncryptCmdsP}). Trailing bytes are ignored.
 *
 * @param authPubKey the server's signed session key, or null
 */
public record SmpServerHandshake(VersionRange smpVersionRange, byte[] sessionId, CertChainPubKey authPubKey) {
    public SmpServerHandshake {
        sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    public byte[] encode() {
        SmpWriter writer = new SmpWriter(2048);
        smpVersionRange.writeTo(writer);
        writer.writeShortBytes(sessionId);
        if (smpVersionRange.max() >= SmpVersions.AUTH_CMDS_SMP_VERSION && authPubKey != null) {
            authPubKey.writeTo(writer);
        }
        return writer.toByteArray();
    }

    public static SmpServerHandshake decode(byte[] block) throws DecodingException {
        SmpReader reader = new SmpReader(block);
        VersionRange range = VersionRange.readFrom(reader);
        byte[] sessionId = reader.readShortBytes();
        CertChainPubKey key = null;
        if (range.max() >= SmpVersions.AUTH_CMDS_SMP_VERSION) {
            try {
                key = CertChainPubKey.readFrom(reader);
            } catch (DecodingException notAKey) {
                key = null;
            }
        }
        return new SmpServerHandshake(range, sessionId, key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmpServerHandshake that
                && smpVersionRange.equals(that.smpVersionRange)
                && Arrays.equals(sessionId, that.sessionId)
                && Objects.equals(authPubKey, that.authPubKey);
    }

    @Override
    public int hashCode() {
        return smpVersionRange.hashCode() * 31 + Arrays.hashCode(sessionId);
    }
}
