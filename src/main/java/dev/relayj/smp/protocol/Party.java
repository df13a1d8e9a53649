package dev.relayj.smp.protocol;

import dev.relayj.transport.ServiceRole;

/**
 * Who sends a command ({@code Party} in {@code Protocol.hs}); each command tag belongs to one
 * party, and the server uses it to pick the queue key and the checks that apply.
 */
public enum Party {
    CREATOR(ServiceRole.MESSAGING),
    RECIPIENT(ServiceRole.MESSAGING),
    RECIPIENT_SERVICE(ServiceRole.MESSAGING),
    SENDER(ServiceRole.MESSAGING),
    IDLE_CLIENT(null),
    NOTIFIER(ServiceRole.NOTIFIER),
    NOTIFIER_SERVICE(ServiceRole.NOTIFIER),
    LINK_CLIENT(ServiceRole.MESSAGING),
    PROXIED_CLIENT(ServiceRole.MESSAGING),
    PROXY_SERVICE(ServiceRole.PROXY);

    private final ServiceRole clientRole;

    Party(ServiceRole clientRole) {
        this.clientRole = clientRole;
    }

    /** The service role allowed to send this party's commands, or null for none ({@code partyClientRole}). */
    public ServiceRole clientRole() {
        return clientRole;
    }

    /**
     * Whether a session of a service with this role may send this party's commands
     * ({@code checkRole} in {@code Server.hs}); a refusal is answered with {@code CMD PROHIBITED}.
     *
     * @param sessionServiceRole the role of the session's service, or null for an ordinary client
     */
    public boolean allowedFor(ServiceRole sessionServiceRole) {
        return sessionServiceRole == null || clientRole == null || sessionServiceRole == clientRole;
    }

    /** Parties whose commands address a queue ({@code queueParty}). */
    public boolean isQueueParty() {
        return this == RECIPIENT || this == SENDER || this == NOTIFIER || this == LINK_CLIENT;
    }

    /** Parties whose commands the server verifies as one batch ({@code batchParty}). */
    public boolean isBatchParty() {
        return this == RECIPIENT || this == NOTIFIER;
    }
}
