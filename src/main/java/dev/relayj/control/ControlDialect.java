package dev.relayj.control;

import java.io.IOException;

/** The commands of one server's control port: its banner and what each line does. */
interface ControlDialect {
    /** Printed on connect, each line ending in a newline. */
    String banner();

    /**
     * Handles one line (without its newline and a trailing CR).
     *
     * @return false when the session should end ({@code quit})
     */
    boolean handle(byte[] line, ControlSession session) throws IOException;
}
