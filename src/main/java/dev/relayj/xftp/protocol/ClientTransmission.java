package dev.relayj.xftp.protocol;

import dev.relayj.protocol.CorrId;

/** A response block as a client reads it: the response, or the error its decoding gave. */
public record ClientTransmission(CorrId corrId, FileId entityId, FileResponse response, XftpError error) {
    public ClientTransmission {
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of response and error");
        }
    }
}
