package dev.relayj.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.control.XftpControlTarget.FileActionResult;
import dev.relayj.protocol.BlockingInfo;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class XftpControlPortTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile FileActionResult result = FileActionResult.OK;
    private ControlPortServer server;

    @BeforeEach
    void start() throws IOException {
        XftpControlTarget target = new XftpControlTarget() {
            @Override
            public FileActionResult deleteFile(ControlEntityId recipientId) {
                calls.add("delete " + recipientId.bytes().length);
                return result;
            }

            @Override
            public FileActionResult blockFile(ControlEntityId recipientId, BlockingInfo info) {
                calls.add("block " + info.toText());
                return result;
            }

            @Override
            public String reloadCertificates() {
                calls.add("reload-certs");
                return "certificates reloaded";
            }
        };
        server = ControlPortServer.startXftp(
                ControlPortConfig.of(0, ControlPasswords.of(Optional.of("adminpw"), Optional.of("userpw"))), target);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bannerAndHelp() throws IOException {
        try (ControlClient c = new ControlClient(server.port())) {
            assertEquals("XFTP server control port", c.readLine());
            assertEquals("'help' for supported commands", c.readLine());
            assertEquals("commands: stats-rts, delete, help, quit", c.ask("help"));
            assertTrue(c.ask("stats-rts").startsWith("JVMStats {"), "no role needed");
        }
    }

    @Test
    void deleteAndBlockNeedTheUserRole() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("AUTH", c.ask("delete AQID"));
            assertEquals("AUTH", c.ask("block AQID reason=spam"));
            assertEquals(List.of(), calls);
            assertEquals("Current role is CPRNone", c.ask("auth wrong"));
            assertEquals("Current role is CPRUser", c.ask("auth userpw"));
            assertEquals("ok", c.ask("delete AQID"));
            assertEquals("ok", c.ask("block AQID reason=content,notice={\"ttl\":3600}"));
            assertEquals(List.of("delete 3", "block reason=content,notice={\"ttl\":3600}"), calls);
            result = new FileActionResult.Failed("AUTH");
            assertEquals("error: AUTH", c.ask("delete AQID"));
        }
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRAdmin", c.ask("auth adminpw"));
            assertEquals("error: AUTH", c.ask("block AQID reason=spam"));
        }
    }

    @Test
    void reloadCertsNeedsTheAdminRole() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRUser", c.ask("auth userpw"));
            assertEquals("AUTH", c.ask("reload-certs"));
            assertEquals(List.of(), calls);
        }
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRAdmin", c.ask("auth adminpw"));
            assertEquals("certificates reloaded", c.ask("reload-certs"));
            assertEquals(List.of("reload-certs"), calls);
        }
    }

    @Test
    void smpCommandsAreUnknownHere() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("error: Failed reading: bad ControlProtocol command", c.ask("stats"));
            assertEquals("error: Failed reading: bad ControlProtocol command", c.ask("save"));
            c.send("quit");
            assertNull(c.readLine());
        }
    }
}
