package dev.relayj.smp.server;

import dev.relayj.crypto.Hashes;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.EntityId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connected SMP client for tests of other packages (the CLI's): the full SMP handshake against
 * the relay's CA, then PING/PONG round trips on the same connection.
 */
public final class PingingSmpClient implements AutoCloseable {
    private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private final TestSmpClient client;

    private PingingSmpClient(TestSmpClient client) {
        this.client = client;
    }

    /** Connects with ALPN smp/1 to a relay whose CA certificate is in {@code caCertificate}. */
    public static PingingSmpClient connect(int port, Path caCertificate) throws IOException {
        Matcher m = PEM.matcher(Files.readString(caCertificate));
        if (!m.find()) {
            throw new IOException(caCertificate + ": no certificate");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        return new PingingSmpClient(TestSmpClient.connect(port, 18, true, Hashes.sha256(der)));
    }

    /** One PING; true when the relay answered PONG on this connection. */
    public boolean ping() throws IOException {
        return client.call(EntityId.NONE, Command.PING, null) instanceof BrokerMessage.Pong;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
