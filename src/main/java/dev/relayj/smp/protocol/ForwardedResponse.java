package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.CorrId;
import java.util.Arrays;

/**
 * The relay's answer inside RRES before the proxy-session encryption ({@code FwdResponse}):
 * {@code corrId(short) encryptedResponse(to the end)}, the response encrypted for the client.
 */
public record ForwardedResponse(CorrId clientCorrId, byte[] encryptedResponse) {
    public ForwardedResponse {
        encryptedResponse = encryptedResponse.clone();
    }

    @Override
    public byte[] encryptedResponse() {
        return encryptedResponse.clone();
    }

    public byte[] encode() {
        SmpWriter writer = new SmpWriter(encryptedResponse.length + 32);
        clientCorrId.writeTo(writer);
        return writer.writeTail(encryptedResponse).toByteArray();
    }

    public static ForwardedResponse decode(byte[] bytes) throws DecodingException {
        SmpReader reader = new SmpReader(bytes);
        CorrId corrId = CorrId.readFrom(reader);
        return new ForwardedResponse(corrId, reader.readTail());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ForwardedResponse f && f.clientCorrId.equals(clientCorrId)
                && Arrays.equals(f.encryptedResponse, encryptedResponse);
    }

    @Override
    public int hashCode() {
        return clientCorrId.hashCode() * 31 + Arrays.hashCode(encryptedResponse);
    }
}
