package dev.relayj.smp.store;

import dev.relayj.transport.ServiceRole;

/**
 * Which side of a queue a service subscribes to ({@code ASubscriberParty}): the recipient
 * ({@code R}) or the notifier ({@code N}).
 */
public enum ServiceParty {
    RECIPIENT('R', ServiceRole.MESSAGING),
    NOTIFIER('N', ServiceRole.NOTIFIER);

    private final char code;
    private final ServiceRole role;

    ServiceParty(char code, ServiceRole role) {
        this.code = code;
        this.role = role;
    }

    public char code() {
        return code;
    }

    /** The role a service must have to subscribe as this party. */
    public ServiceRole role() {
        return role;
    }

    /** The party for a code letter, or null. */
    public static ServiceParty fromCode(char code) {
        for (ServiceParty party : values()) {
            if (party.code == code) {
                return party;
            }
        }
        return null;
    }
}
