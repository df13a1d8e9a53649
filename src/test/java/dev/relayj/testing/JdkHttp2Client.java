package dev.relayj.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/** The JDK's java.net.http client forced to HTTP/2, as an independent peer of our server. */
public final class JdkHttp2Client implements AutoCloseable {
    public record Reply(int status, String version, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
        }
    }

    private final HttpClient client;

    public JdkHttp2Client(SSLContext sslContext) {
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(sslContext)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A request without a body. */
    public Reply send(String method, URI uri) throws Exception {
        return send(method, uri, null);
    }

    public Reply send(String method, URI uri, byte[] body) throws Exception {
        return reply(client.send(request(method, uri, body), HttpResponse.BodyHandlers.ofByteArray()));
    }

    public CompletableFuture<Reply> sendAsync(String method, URI uri, byte[] body) {
        return client.sendAsync(request(method, uri, body), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(JdkHttp2Client::reply);
    }

    private static HttpRequest request(String method, URI uri, byte[] body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).method(method, publisher).build();
    }

    private static Reply reply(HttpResponse<byte[]> response) {
        return new Reply(response.statusCode(), response.version().toString(), response.headers().map(), response.body());
    }

    @Override
    public void close() {
        client.close();
    }
}
