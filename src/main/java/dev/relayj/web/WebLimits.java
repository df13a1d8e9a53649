package dev.relayj.web;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client connection to the embedded web server may take.
 *
 * @param idleTimeout        how long a connection may wait for, and send, the next request head
 *                           (HTTP/1.1), or stay without open streams (HTTP/2)
 * @param responseTimeout    how long sending one response may take (a client that stops reading)
 * @param maxRequests        requests served on one HTTP/1.1 connection before it is closed
 * @param maxHeadBytes       request line plus header fields, in octets; larger heads get 431
 * @param maxHeaderFields    header fields in one request; more get 431
 */
public record WebLimits(Duration idleTimeout, Duration responseTimeout, int maxRequests, int maxHeadBytes,
        int maxHeaderFields) {

    /** Close to common web server defaults; the site is a handful of small pages. */
    public static final WebLimits DEFAULT = new WebLimits(Duration.ofSeconds(30), Duration.ofSeconds(60), 100, 16384, 100);

    public WebLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxRequests < 1 || maxHeadBytes < 1024 || maxHeaderFields < 1) {
            throw new IllegalArgumentException("maxRequests, maxHeadBytes (>= 1024) and maxHeaderFields must be positive");
        }
    }
}
