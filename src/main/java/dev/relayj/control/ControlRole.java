package dev.relayj.control;

/** What a control-port session may do ({@code CPClientRole} in {@code Server/Control.hs}). */
public enum ControlRole {
    NONE("CPRNone"),
    USER("CPRUser"),
    ADMIN("CPRAdmin");

    private final String referenceName;

    ControlRole(String referenceName) {
        this.referenceName = referenceName;
    }

    /** The reference's {@code show} of the role, printed by {@code auth}. */
    public String referenceName() {
        return referenceName;
    }

    boolean atLeastUser() {
        return this != NONE;
    }
}
