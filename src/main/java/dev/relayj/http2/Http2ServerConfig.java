package dev.relayj.http2;

import java.time.Duration;
import java.util.Objects;

/**
 * What our end of every connection announces and enforces.
 *
 * @param maxConcurrentStreams  SETTINGS_MAX_CONCURRENT_STREAMS; streams beyond it are refused
 * @param initialWindowSize     SETTINGS_INITIAL_WINDOW_SIZE: how much of a request body the peer
 *                              may send ahead of the handler reading it
 * @param connectionWindowSize  receive window of the whole connection (raised from 65535 with a
 *                              WINDOW_UPDATE right after our SETTINGS)
 * @param maxFrameSize          SETTINGS_MAX_FRAME_SIZE
 * @param maxHeaderListSize     SETTINGS_MAX_HEADER_LIST_SIZE; larger requests get 431
 * @param headerTableSize       SETTINGS_HEADER_TABLE_SIZE: the largest HPACK table the peer may use
 * @param stallTimeout          how long a handler may wait for the client's next body octets or
 *                              for flow-control window before its stream is reset (CANCEL); the
 *                              reference allows 5 minutes for a 4 MB chunk ({@code fileTimeout})
 * @param abuse                 what ends a connection with ENHANCE_YOUR_CALM
 */
public record Http2ServerConfig(
        int maxConcurrentStreams,
        int initialWindowSize,
        int connectionWindowSize,
        int maxFrameSize,
        int maxHeaderListSize,
        int headerTableSize,
        Duration stallTimeout,
        Http2AbuseLimits abuse) {

    /**
     * Defaults sized for XFTP: a request is a 16 KB block plus a file chunk of up to 4 MB, so a
     * 256 KB stream window keeps uploads moving while one connection buffers at most 1 MB.
     * simplexmq leaves these to the Haskell http2 library's defaults (Transport/HTTP2.hs); peers
     * adapt to whatever we announce, so the numbers are not part of the wire contract.
     */
    public static final Http2ServerConfig DEFAULT =
            new Http2ServerConfig(100, 256 * 1024, 1024 * 1024, 16384, 65536, 4096, Duration.ofMinutes(5),
                    Http2AbuseLimits.DEFAULT);

    public Http2ServerConfig {
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be positive");
        }
        if (initialWindowSize < 0) {
            throw new IllegalArgumentException("initialWindowSize must not be negative");
        }
        if (connectionWindowSize < 65535) {
            throw new IllegalArgumentException("connectionWindowSize must be at least 65535");
        }
        if (maxFrameSize < Http2Settings.MIN_MAX_FRAME_SIZE || maxFrameSize > Http2Settings.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize must be in 16384..16777215");
        }
        if (maxHeaderListSize < 1024 || headerTableSize < 0) {
            throw new IllegalArgumentException("maxHeaderListSize must be at least 1024 and headerTableSize not negative");
        }
        if (!stallTimeout.isPositive()) {
            throw new IllegalArgumentException("stallTimeout must be positive");
        }
        Objects.requireNonNull(abuse, "abuse");
    }

    public Http2ServerConfig withMaxConcurrentStreams(int n) {
        return new Http2ServerConfig(n, initialWindowSize, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, stallTimeout, abuse);
    }

    public Http2ServerConfig withWindows(int initialWindow, int connectionWindow) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindow, connectionWindow, maxFrameSize,
                maxHeaderListSize, headerTableSize, stallTimeout, abuse);
    }

    public Http2ServerConfig withMaxHeaderListSize(int n) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize, n,
                headerTableSize, stallTimeout, abuse);
    }

    public Http2ServerConfig withStallTimeout(Duration timeout) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, timeout, abuse);
    }

    public Http2ServerConfig withAbuseLimits(Http2AbuseLimits limits) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, stallTimeout, limits);
    }
}
