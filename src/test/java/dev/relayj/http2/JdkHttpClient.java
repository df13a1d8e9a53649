package dev.relayj.http2;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The JDK's java.net.http client, reached by reflection through its public interfaces: the tests
 * compile inside module dev.relayj, which does not read java.net.http (module-info is not ours to
 * change), while at run time they are on the class path and may use it freely.
 */
final class JdkHttpClient implements AutoCloseable {
    record Reply(int status, String version, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
        }
    }

    private static final String P = "java.net.http.";
    private final Object client;

    JdkHttpClient(SSLContext sslContext) throws ReflectiveOperationException {
        Class<?> version = type("HttpClient$Version");
        Class<?> builderType = type("HttpClient$Builder");
        Object builder = type("HttpClient").getMethod("newBuilder").invoke(null);
        builderType.getMethod("version", version).invoke(builder, version.getField("HTTP_2").get(null));
        builderType.getMethod("sslContext", SSLContext.class).invoke(builder, sslContext);
        builderType.getMethod("connectTimeout", Duration.class).invoke(builder, Duration.ofSeconds(10));
        client = builderType.getMethod("build").invoke(builder);
    }

    Reply send(String method, URI uri, byte[] body) throws Exception {
        return reply(call(type("HttpClient").getMethod("send", type("HttpRequest"), type("HttpResponse$BodyHandler")),
                client, request(method, uri, body), bytesHandler()));
    }

    CompletableFuture<Reply> sendAsync(String method, URI uri, byte[] body) throws Exception {
        CompletableFuture<?> f = (CompletableFuture<?>) call(type("HttpClient").getMethod("sendAsync",
                type("HttpRequest"), type("HttpResponse$BodyHandler")), client, request(method, uri, body),
                bytesHandler());
        return f.thenApply(r -> {
            try {
                return reply(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Object request(String method, URI uri, byte[] body) throws Exception {
        Class<?> publishers = type("HttpRequest$BodyPublishers");
        Object publisher = body == null
                ? publishers.getMethod("noBody").invoke(null)
                : publishers.getMethod("ofByteArray", byte[].class).invoke(null, (Object) body);
        Class<?> builderType = type("HttpRequest$Builder");
        Object builder = type("HttpRequest").getMethod("newBuilder", URI.class).invoke(null, uri);
        builderType.getMethod("timeout", Duration.class).invoke(builder, Duration.ofSeconds(60));
        builderType.getMethod("method", String.class, type("HttpRequest$BodyPublisher"))
                .invoke(builder, method, publisher);
        return builderType.getMethod("build").invoke(builder);
    }

    private static Object bytesHandler() throws Exception {
        return type("HttpResponse$BodyHandlers").getMethod("ofByteArray").invoke(null);
    }

    @SuppressWarnings("unchecked")
    private static Reply reply(Object response) throws Exception {
        Class<?> r = type("HttpResponse");
        Object headers = r.getMethod("headers").invoke(response);
        return new Reply((int) r.getMethod("statusCode").invoke(response),
                r.getMethod("version").invoke(response).toString(),
                (Map<String, List<String>>) type("HttpHeaders").getMethod("map").invoke(headers),
                (byte[]) r.getMethod("body").invoke(response));
    }

    private static Object call(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(P + name);
    }

    @Override
    public void close() throws Exception {
        type("HttpClient").getMethod("close").invoke(client);
    }
}
