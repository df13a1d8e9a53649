package dev.relayj.smp.store;

/** The role of a client service ({@code SMPServiceRole} in simplexmq's {@code Transport.hs}). */
public enum ServiceRole {
    MESSAGING('M'),
    NOTIFIER('N'),
    PROXY('P');

    private final char code;

    ServiceRole(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** The role for a code letter, or null. */
    public static ServiceRole fromCode(char code) {
        for (ServiceRole role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        return null;
    }
}
