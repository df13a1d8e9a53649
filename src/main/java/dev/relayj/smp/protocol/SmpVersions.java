package dev.relayj.smp.protocol;

import dev.relayj.encoding.VersionRange;

/**
 * SMP relay protocol versions and the features each one brings, as named in simplexmq's
 * {@code Simplex/Messaging/Transport.hs}. Code that behaves by version compares against these
 * names, never against bare numbers.
 */
public final class SmpVersions {
    private SmpVersions() {}

    /** Queues can be created without subscribing (NEW carries a subscription mode). */
    public static final int SUB_MODE = 6;
    /** Commands may be authorized with a crypto_box authenticator; the session id is implied, not sent. */
    public static final int AUTH_CMDS = 7;
    /** Sending proxy: PRXY, PFWD, RFWD and PKEY, PRES, RRES. */
    public static final int SENDING_PROXY = 8;
    /** Senders secure queues with SKEY; NEW and IDS carry the sender-can-secure flag. */
    public static final int SND_AUTH_KEY = 9;
    /** DELD event when a queue is deleted from another connection (END before). */
    public static final int DELETED_EVENT = 10;
    /** Transport blocks are also encrypted with chain keys. */
    public static final int ENCRYPTED_BLOCK = 11;
    /** ERR BLOCKED for blocked entities (ERR AUTH before). */
    public static final int BLOCKED_ENTITY = 12;
    /** The client handshake carries the proxy-server flag. */
    public static final int PROXY_SERVER_HANDSHAKE = 14;
    /** Short links: queue mode and link data in NEW, LSET, LDEL, LKEY, LGET, LNK. */
    public static final int SHORT_LINKS = 15;
    /** Service certificates: service signatures on transmissions, SUBS/NSUBS, SOK with a service id. */
    public static final int SERVICE_CERTS = 16;
    /** NEW may create notifier credentials; IDS returns them. */
    public static final int NEW_NTF_CREDS = 17;
    /** BLOCKED errors carry client notices. */
    public static final int CLIENT_NOTICES = 18;

    public static final int MIN_SERVER = 6;
    public static final int CURRENT_SERVER = 18;
    /** Offered to clients that connect without ALPN ({@code legacyServerSMPRelayVRange}). */
    public static final int LEGACY_SERVER = 6;
    /** The highest version an SMP proxy uses towards destination relays ({@code proxiedSMPRelayVersion}). */
    public static final int PROXIED_RELAY = 17;

    /** {@code supportedServerSMPRelayVRange}: offered with ALPN {@code smp/1}. */
    public static final VersionRange SUPPORTED_SERVER_RANGE = new VersionRange(MIN_SERVER, CURRENT_SERVER);
    /** {@code legacyServerSMPRelayVRange}: offered when the client sent no ALPN. */
    public static final VersionRange LEGACY_SERVER_RANGE = new VersionRange(MIN_SERVER, LEGACY_SERVER);
    /** {@code proxiedSMPRelayVRange}: versions a proxy offers for proxied sessions. */
    public static final VersionRange PROXIED_RELAY_RANGE = new VersionRange(SENDING_PROXY, PROXIED_RELAY);

    /** The ALPN protocol names for which the full range is offered ({@code alpnSupportedSMPHandshakes}). */
    public static final String ALPN_SMP_1 = "smp/1";

    /** The range a server offers: full with any negotiated ALPN, legacy without ({@code smpServerHandshake}). */
    public static VersionRange serverRange(boolean alpnNegotiated) {
        return alpnNegotiated ? SUPPORTED_SERVER_RANGE : LEGACY_SERVER_RANGE;
    }
}
