package dev.relayj.web;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The JDK's java.net.http client, forced to HTTP/2, reached by reflection: the tests compile
 * inside module dev.relayj, which does not read java.net.http, while at run time it is there.
 */
final class JdkHttp2Client implements AutoCloseable {
    record Reply(int status, String version, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
        }
    }

    private static final String P = "java.net.http.";
    private final Object client;

    JdkHttp2Client(SSLContext sslContext) throws ReflectiveOperationException {
        Class<?> version = type("HttpClient$Version");
        Class<?> builderType = type("HttpClient$Builder");
        Object builder = type("HttpClient").getMethod("newBuilder").invoke(null);
        builderType.getMethod("version", version).invoke(builder, version.getField("HTTP_2").get(null));
        builderType.getMethod("sslContext", SSLContext.class).invoke(builder, sslContext);
        builderType.getMethod("connectTimeout", Duration.class).invoke(builder, Duration.ofSeconds(10));
        client = builderType.getMethod("build").invoke(builder);
    }

    @SuppressWarnings("unchecked")
    Reply send(String method, URI uri) throws Exception {
        Class<?> publishers = type("HttpRequest$BodyPublishers");
        Object noBody = publishers.getMethod("noBody").invoke(null);
        Class<?> requestBuilder = type("HttpRequest$Builder");
        Object builder = type("HttpRequest").getMethod("newBuilder", URI.class).invoke(null, uri);
        requestBuilder.getMethod("timeout", Duration.class).invoke(builder, Duration.ofSeconds(20));
        requestBuilder.getMethod("method", String.class, type("HttpRequest$BodyPublisher")).invoke(builder, method, noBody);
        Object request = requestBuilder.getMethod("build").invoke(builder);
        Object handler = type("HttpResponse$BodyHandlers").getMethod("ofByteArray").invoke(null);
        Object response;
        try {
            response = type("HttpClient").getMethod("send", type("HttpRequest"), type("HttpResponse$BodyHandler"))
                    .invoke(client, request, handler);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        Class<?> r = type("HttpResponse");
        Object headers = r.getMethod("headers").invoke(response);
        return new Reply((int) r.getMethod("statusCode").invoke(response), r.getMethod("version").invoke(response).toString(),
                (Map<String, List<String>>) type("HttpHeaders").getMethod("map").invoke(headers),
                (byte[]) r.getMethod("body").invoke(response));
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(P + name);
    }

    @Override
    public void close() throws Exception {
        type("HttpClient").getMethod("close").invoke(client);
    }
}
