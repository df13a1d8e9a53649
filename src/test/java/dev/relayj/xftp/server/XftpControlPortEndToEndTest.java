package dev.relayj.xftp.server;

import static dev.relayj.xftp.server.Chunks.error;
import static dev.relayj.xftp.server.Chunks.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.xftp.protocol.XftpError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control port of a running XFTP relay against uploaded files. */
class XftpControlPortEndToEndTest {
    private static final int KB64 = 65536;

    @TempDir
    Path dir;

    @Test
    void deletesAndBlocksRealFilesByRecipientId() throws Exception {
        TestServer setup = new TestServer(dir);
        setup.controlPort = OptionalInt.of(0);
        setup.controlAdminPassword = Optional.of("admin1");
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH);
                Control control = new Control(server.controlPort().getAsInt())) {
            Chunks.Chunk toDelete = upload(client, KB64);
            Chunks.Chunk toBlock = upload(client, KB64);
            assertEquals("AUTH", control.ask("delete " + id(toDelete.recipientId(0).bytes())));
            assertEquals("Current role is CPRAdmin", control.ask("auth admin1"));
            assertEquals("error: AUTH", control.ask("delete " + id(toDelete.senderId().bytes())), "sender ids name no file");
            assertEquals("ok", control.ask("delete " + id(toDelete.recipientId(0).bytes())));
            assertEquals("error: AUTH", control.ask("delete " + id(toDelete.recipientId(0).bytes())));
            assertEquals("ok", control.ask("block " + id(toBlock.recipientId(0).bytes()) + " reason=spam"));
            assertEquals(0, server.usedStorage());

            FileCommand fget = new FileCommand.Fget(X25519PrivateKey.generate(TestXftpClient.RANDOM).publicKey());
            assertEquals(XftpError.AUTH,
                    error(client.command(toDelete.recipient(0), toDelete.recipientId(0), fget, null).response()));
            assertEquals(new XftpError.Blocked(new BlockingInfo(BlockingInfo.Reason.SPAM, null)),
                    error(client.command(toBlock.recipient(0), toBlock.recipientId(0), fget, null).response()));
        }
    }

    @Test
    void invalidPasswordStopsStartNamingTheKey() {
        TestServer setup = new TestServer(dir);
        setup.controlPort = OptionalInt.of(0);
        setup.controlAdminPassword = Optional.of("");
        IOException e = assertThrows(IOException.class, () -> setup.start().close());
        assertTrue(e.getMessage().contains("control_port_admin_password"), e.getMessage());
    }

    private static String id(byte[] bytes) {
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    /** A line client with bounded waits, as nc would be. */
    static final class Control implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Control(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            assertEquals("XFTP server control port", in.readLine());
            in.readLine();
        }

        String ask(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
