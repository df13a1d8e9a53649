package dev.relayj.xftp.protocol;

/** Who may send a command: the file's sender or one of its recipients ({@code FileParty}). */
public enum FileParty {
    RECIPIENT,
    SENDER
}
