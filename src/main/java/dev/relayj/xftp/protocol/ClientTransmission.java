package dev.relayj.xftp.protocol;

import java.util.Arrays;

/** A response block as a client reads it: the response, or the error its decoding gave. */
public record ClientTransmission(byte[] corrId, FileId entityId, FileResponse response, XftpError error) {
    public ClientTransmission {
        corrId = corrId.clone();
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of response and error");
        }
    }

    @Override
    public byte[] corrId() {
        return corrId.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientTransmission t && Arrays.equals(corrId, t.corrId) && entityId.equals(t.entityId)
                && java.util.Objects.equals(response, t.response) && java.util.Objects.equals(error, t.error);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(corrId) * 31 + entityId.hashCode();
    }
}
