package dev.relayj.control;

import java.nio.charset.StandardCharsets;

/** What the reference logs about control-port use: each command but auth/help/quit/empty, and refusals. */
final class ControlLog {
    private static final System.Logger LOG = System.getLogger("dev.relayj.control");

    private ControlLog() {}

    static void command(byte[] line, boolean logged) {
        if (logged) {
            LOG.log(System.Logger.Level.WARNING, "ControlPort: \"" + new String(line, StandardCharsets.ISO_8859_1) + "\"");
        }
    }

    static void unauthorized() {
        LOG.log(System.Logger.Level.ERROR, "Unauthorized control port command");
    }
}
