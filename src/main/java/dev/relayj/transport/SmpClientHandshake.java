package dev.relayj.transport;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code SMPClientHandshake}, the client's answer to {@link SmpServerHandshake}. Which fields are
 * present depends on the version the client chose:
 *
 * <pre>
 * | version (2) | keyHash (1+n) | [authPubKey (1+n)] v7+ | [proxyServer 'T'/'F'] v14+ | [service Maybe] v16+ | ignored ... |
 * </pre>
 *
 * The key is written without a Maybe tag, when there is one, and read as optional: bytes that are not
 * an X25519 key leave it absent and are read as the next field. Trailing bytes are ignored.
 *
 * @param keyHash SHA-256 of the server's identity (CA) certificate, as the client knows it
 * @param authPubKey the client's X25519 session key, or null
 * @param service the service client's credentials, or null
 */
public record SmpClientHandshake(
        int smpVersion, byte[] keyHash, X25519PublicKey authPubKey, boolean proxyServer, ClientHandshakeService service) {
    public SmpClientHandshake {
        keyHash = keyHash.clone();
    }

    @Override
    public byte[] keyHash() {
        return keyHash.clone();
    }

    public byte[] encode() {
        SmpWriter writer = new SmpWriter(256);
        writer.writeWord16(smpVersion);
        writer.writeShortBytes(keyHash);
        if (smpVersion >= SmpVersions.AUTH_CMDS_SMP_VERSION && authPubKey != null) {
            authPubKey.writeTo(writer);
        }
        if (smpVersion >= SmpVersions.PROXY_SERVER_HANDSHAKE_SMP_VERSION) {
            writer.writeBool(proxyServer);
        }
        if (smpVersion >= SmpVersions.SERVICE_CERTS_SMP_VERSION) {
            writer.writeMaybe(service, (w, s) -> s.writeTo(w));
        }
        return writer.toByteArray();
    }

    public static SmpClientHandshake decode(byte[] block) throws DecodingException {
        SmpReader reader = new SmpReader(block);
        int version = reader.readWord16();
        byte[] keyHash = reader.readShortBytes();
        X25519PublicKey key = null;
        if (version >= SmpVersions.AUTH_CMDS_SMP_VERSION) {
            // attoparsec's `optional` backtracks: try the key on a copy of the rest
            byte[] rest = reader.readTail();
            SmpReader attempt = new SmpReader(rest);
            try {
                key = PublicKey.readX25519Key(attempt);
                reader = attempt;
            } catch (DecodingException notAKey) {
                reader = new SmpReader(rest);
            }
        }
        boolean proxyServer = version >= SmpVersions.PROXY_SERVER_HANDSHAKE_SMP_VERSION && reader.readBool();
        ClientHandshakeService service = version >= SmpVersions.SERVICE_CERTS_SMP_VERSION
                ? reader.readMaybe(ClientHandshakeService::readFrom)
                : null;
        return new SmpClientHandshake(version, keyHash, key, proxyServer, service);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmpClientHandshake that
                && smpVersion == that.smpVersion
                && Arrays.equals(keyHash, that.keyHash)
                && Objects.equals(authPubKey, that.authPubKey)
                && proxyServer == that.proxyServer
                && Objects.equals(service, that.service);
    }

    @Override
    public int hashCode() {
        return smpVersion * 31 + Arrays.hashCode(keyHash);
    }
}
