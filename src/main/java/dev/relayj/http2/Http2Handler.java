package dev.relayj.http2;

import java.io.IOException;

/**
 * Serves one request. Called on its own virtual thread, concurrently with the other streams of the
 * same connection. Whoever creates an {@link Http2Connection} supplies its handler, so per-connection
 * state (an XFTP session's handshake, the TLS session id) is simply captured by the handler object
 * created for that connection.
 *
 * <p>When this returns, a response not yet started is sent with an empty body and a started body
 * is ended. If it throws before the response started, the client gets 500; after, the stream is
 * reset with INTERNAL_ERROR.
 */
@FunctionalInterface
public interface Http2Handler {
    void handle(Http2Request request, Http2Response response) throws IOException;
}
