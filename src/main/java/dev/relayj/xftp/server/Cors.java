package dev.relayj.xftp.server;

import dev.relayj.http2.Http2Response;

/**
 * CORS headers for browsers (xftp-web), sent only on connections that used the web certificate
 * when the port has one ({@code corsHeaders}, {@code corsPreflightHeaders} in
 * {@code FileTransfer/Server.hs}; {@code addCORSHeaders = isJust httpCredentials} in Main.hs).
 */
final class Cors {
    private Cors() {}

    static Http2Response addTo(Http2Response response, boolean addCors) {
        if (addCors) {
            response.header("Access-Control-Allow-Origin", "*");
            response.header("Access-Control-Expose-Headers", "*");
        }
        return response;
    }

    static Http2Response preflight(Http2Response response) {
        return response.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "*")
                .header("Access-Control-Max-Age", "86400");
    }
}
