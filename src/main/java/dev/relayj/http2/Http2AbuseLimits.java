package dev.relayj.http2;

import java.time.Duration;

/**
 * How much a client may make a connection do that costs us and serves nobody, before the connection
 * ends with GOAWAY ENHANCE_YOUR_CALM. Counts are per connection and per window of time, as mature
 * servers bound these floods (nginx, Netty, Go's x/net/http2 after 2019's CVE-2019-9512..9518,
 * 2023's rapid reset CVE-2023-44487, 2024's CONTINUATION flood and 2025's "MadeYouReset").
 *
 * @param window                 the period each count below is taken over
 * @param clientResets           streams the client resets while we serve them (rapid reset)
 * @param provokedResets         streams we must reset because of the client's frames (MadeYouReset)
 * @param emptyDataFrames        DATA frames without octets or END_STREAM
 * @param settingsFrames         SETTINGS frames (each costs an ACK)
 * @param pingFrames             PING frames (each costs an ACK)
 * @param continuationsPerBlock  CONTINUATION frames of one header block
 * @param queuedControlFrames    ACKs, WINDOW_UPDATEs and resets waiting for a writer blocked by a
 *                               client that does not read
 */
public record Http2AbuseLimits(
        Duration window,
        int clientResets,
        int provokedResets,
        int emptyDataFrames,
        int settingsFrames,
        int pingFrames,
        int continuationsPerBlock,
        int queuedControlFrames) {

    /** Generous for real clients (a browser resets a few streams when a page is left), tight for floods. */
    public static final Http2AbuseLimits DEFAULT =
            new Http2AbuseLimits(Duration.ofSeconds(10), 200, 100, 100, 100, 100, 64, 1000);

    public Http2AbuseLimits {
        if (!window.isPositive() || clientResets < 1 || provokedResets < 1 || emptyDataFrames < 1
                || settingsFrames < 1 || pingFrames < 1 || continuationsPerBlock < 1 || queuedControlFrames < 1) {
            throw new IllegalArgumentException("HTTP/2 abuse limits must be positive");
        }
    }
}
