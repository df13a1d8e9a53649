package dev.relayj.smp.protocol;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.CorrId;
import java.util.Arrays;

/**
 * What a proxy forwards to the destination relay inside RFWD, once the relay has decrypted it
 * with the proxy session secret ({@code FwdTransmission} in {@code Protocol.hs}):
 * {@code corrId(short) version(Word16) clientKey(X25519) encryptedTransmission(to the end)}. The
 * client's correlation id is the nonce of the inner encryption; the client's key and the relay's
 * session key give its secret.
 */
public record ForwardedTransmission(CorrId clientCorrId, int clientVersion, X25519PublicKey clientKey, byte[] encryptedTransmission) {
    public ForwardedTransmission {
        if (clientVersion < 0 || clientVersion > 0xFFFF) {
            throw new IllegalArgumentException("not a version: " + clientVersion);
        }
        encryptedTransmission = encryptedTransmission.clone();
    }

    @Override
    public byte[] encryptedTransmission() {
        return encryptedTransmission.clone();
    }

    public byte[] encode() {
        SmpWriter writer = new SmpWriter(encryptedTransmission.length + 80);
        clientCorrId.writeTo(writer);
        writer.writeWord16(clientVersion);
        clientKey.writeTo(writer);
        return writer.writeTail(encryptedTransmission).toByteArray();
    }

    public static ForwardedTransmission decode(byte[] bytes) throws DecodingException {
        SmpReader reader = new SmpReader(bytes);
        CorrId corrId = CorrId.readFrom(reader);
        int version = reader.readWord16();
        X25519PublicKey key = PublicKey.readX25519Key(reader);
        return new ForwardedTransmission(corrId, version, key, reader.readTail());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ForwardedTransmission f && f.clientCorrId.equals(clientCorrId)
                && f.clientVersion == clientVersion && f.clientKey.equals(clientKey)
                && Arrays.equals(f.encryptedTransmission, encryptedTransmission);
    }

    @Override
    public int hashCode() {
        return clientCorrId.hashCode() * 31 + Arrays.hashCode(encryptedTransmission);
    }
}
