package dev.relayj.transport;

import dev.relayj.encoding.VersionRange;
import java.util.List;

/**
 * The SMP transport parameters of {@code Transport.hs}: protocol versions where behaviour changes,
 * the version ranges the relay and its clients offer, the ALPN names and the block size. Names follow
 * the reference ({@code authCmdsSMPVersion} is {@link #AUTH_CMDS_SMP_VERSION}).
 */
public final class SmpVersions {
    private SmpVersions() {}

    /** {@code smpBlockSize}: every transport block, handshake blocks included, is exactly this long. */
    public static final int SMP_BLOCK_SIZE = 16384;

    /** Queues can be created without subscribing. */
    public static final int SUB_MODE_SMP_VERSION = 6;
    /** Commands may be authorized with X25519 (crypto_box); the session id is implied, not sent. */
    public static final int AUTH_CMDS_SMP_VERSION = 7;
    public static final int SENDING_PROXY_SMP_VERSION = 8;
    public static final int SND_AUTH_KEY_SMP_VERSION = 9;
    public static final int DELETED_EVENT_SMP_VERSION = 10;
    /** Transport blocks are additionally encrypted with per-block chain keys. */
    public static final int ENCRYPTED_BLOCK_SMP_VERSION = 11;
    public static final int BLOCKED_ENTITY_SMP_VERSION = 12;
    /** The client handshake carries the proxy flag, which turns block encryption off. */
    public static final int PROXY_SERVER_HANDSHAKE_SMP_VERSION = 14;
    public static final int SHORT_LINKS_SMP_VERSION = 15;
    /** The client handshake may carry service credentials; transmissions carry a service signature slot. */
    public static final int SERVICE_CERTS_SMP_VERSION = 16;
    public static final int NEW_NTF_CREDS_SMP_VERSION = 17;
    public static final int CLIENT_NOTICES_SMP_VERSION = 18;

    public static final int MIN_CLIENT_SMP_RELAY_VERSION = 6;
    public static final int MIN_SERVER_SMP_RELAY_VERSION = 6;
    public static final int CURRENT_CLIENT_SMP_RELAY_VERSION = 18;
    public static final int LEGACY_SERVER_SMP_RELAY_VERSION = 6;
    public static final int CURRENT_SERVER_SMP_RELAY_VERSION = 18;
    /**
     * The highest version a proxy passes on to its clients for a destination relay, lower than its own
     * so that destination relays cannot tell client versions apart.
     */
    public static final int PROXIED_SMP_RELAY_VERSION = 17;

    public static final VersionRange SUPPORTED_CLIENT_SMP_RELAY_VRANGE =
            new VersionRange(MIN_CLIENT_SMP_RELAY_VERSION, CURRENT_CLIENT_SMP_RELAY_VERSION);
    /** What the relay offers a client that negotiated no ALPN (clients from before the handshake change). */
    public static final VersionRange LEGACY_SERVER_SMP_RELAY_VRANGE =
            new VersionRange(MIN_SERVER_SMP_RELAY_VERSION, LEGACY_SERVER_SMP_RELAY_VERSION);
    /** What the relay offers when ALPN was negotiated ({@code smpServerVRange} of the server config). */
    public static final VersionRange SUPPORTED_SERVER_SMP_RELAY_VRANGE =
            new VersionRange(MIN_SERVER_SMP_RELAY_VERSION, CURRENT_SERVER_SMP_RELAY_VERSION);
    /** What the relay asks for when it connects to another relay as a proxy. */
    public static final VersionRange SUPPORTED_PROXY_CLIENT_SMP_RELAY_VRANGE =
            new VersionRange(MIN_SERVER_SMP_RELAY_VERSION, CURRENT_SERVER_SMP_RELAY_VERSION);
    /** The range a proxy reports to its client for the destination relay ({@code PKEY}), capped at 17. */
    public static final VersionRange PROXIED_SMP_RELAY_VRANGE =
            new VersionRange(SENDING_PROXY_SMP_VERSION, PROXIED_SMP_RELAY_VERSION);

    /** {@code alpnSupportedSMPHandshakes}. */
    public static final List<String> ALPN_SUPPORTED_SMP_HANDSHAKES = List.of("smp/1");
}
