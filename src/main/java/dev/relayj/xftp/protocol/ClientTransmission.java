package dev.relayj.xftp.protocol;

import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;

/** A response block as a client reads it: the response, or the error its decoding gave. */
public record ClientTransmission(CorrId corrId, EntityId entityId, FileResponse response, XftpError error) {
    public ClientTransmission {
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of response and error");
        }
    }
}
