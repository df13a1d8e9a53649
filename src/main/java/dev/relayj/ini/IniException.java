package dev.relayj.ini;

/** An INI file that cannot be read or holds a setting that cannot be used; the message names the file and line. */
public final class IniException extends Exception {
    private static final long serialVersionUID = 1L;

    public IniException(String message) {
        super(message);
    }
}
