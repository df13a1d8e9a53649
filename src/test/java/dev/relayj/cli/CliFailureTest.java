package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure is a clear message on stderr with a non-zero exit code, never a stack trace. */
class CliFailureTest {
    @TempDir
    Path tmp;

    private Path cfg() {
        return tmp.resolve("etc");
    }

    private Path log() {
        return tmp.resolve("var");
    }

    private static void assertFails(CliRun r, String expectedErr) {
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertEquals(expectedErr, r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private void initSmp() {
        assertEquals(0, CliRun.smp(cfg(), log(), "init", "-y", "--no-password", "--disable-web").exitCode());
    }

    @Test
    void initTwice() {
        initSmp();
        assertFails(CliRun.smp(cfg(), log(), "init", "-y"), "Error: server is already initialized ("
                + cfg().resolve("smp-server.ini") + " exists).\nRun `smp-server start`.\n");
    }

    @Test
    void startUninitialised() {
        assertFails(CliRun.smp(cfg(), log(), "start"), "Error: server is not initialized ("
                + cfg().resolve("smp-server.ini") + " does not exist).\nRun `smp-server init`.\n");
        assertFails(CliRun.smp(cfg(), log(), "cert"), "Error: server is not initialized ("
                + cfg().resolve("smp-server.ini") + " does not exist).\nRun `smp-server init`.\n");
        assertFails(CliRun.xftp(cfg(), log(), "start"), "Error: server is not initialized ("
                + cfg().resolve("file-server.ini") + " does not exist).\nRun `file-server init`.\n");
    }

    @Test
    void badFingerprint() throws Exception {
        initSmp();
        Files.writeString(cfg().resolve("fingerprint"), "AAAA\n");
        assertFails(CliRun.smp(cfg(), log(), "start"), "Stored fingerprint is invalid.\n");
    }

    @Test
    void malformedIniNamesFileAndLine() throws Exception {
        initSmp();
        Path ini = cfg().resolve("smp-server.ini");
        Files.writeString(ini, Files.readString(ini).replace("log_tls_errors = off\n", "log_tls_errors off\n"));
        CliRun r = CliRun.smp(cfg(), log(), "start");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().matches("Error: " + java.util.regex.Pattern.quote(ini.toString())
                + ":\\d+: expected 'key = value' or 'key: value': log_tls_errors off\n"), r.err());
    }

    @Test
    void invalidOnOffAndMissingKey() throws Exception {
        initSmp();
        Path ini = cfg().resolve("smp-server.ini");
        String text = Files.readString(ini);
        Files.writeString(ini, text.replace("new_queues = on", "new_queues = yes"));
        CliRun r = CliRun.smp(cfg(), log(), "start");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().endsWith(": invalid INI setting new_queues: yes (use on or off)\n"), r.err());
        Files.writeString(ini, text.replace("port = 5223,443\n", ""));
        assertFails(CliRun.smp(cfg(), log(), "start"), "Error: " + ini + ": no key port in section TRANSPORT\n");
    }

    @Test
    void badOptionValues() {
        assertFails(CliRun.smp(cfg(), log(), "init", "-y", "-a", "RSA"), "option --sign-algorithm: cannot parse value `RSA'\n");
        assertFails(CliRun.smp(cfg(), log(), "init", "-y", "--password", "a@b"),
                "option --password: invalid character in BasicAuth\n");
        assertFails(CliRun.smp(cfg(), log(), "init", "-y", "--server-country", "Germany"),
                "option --server-country: Use ISO3166 2-letter code for server\n");
        assertFails(CliRun.smp(cfg(), log(), "init", "-y", "--control-port", "70000"),
                "option --control-port: cannot parse value `70000'\n");
        assertFails(CliRun.smp(cfg(), log(), "init", "-y", "--operator-country", "GB"),
                "Error: passing --operator-country requires passing --operator\n");
        assertFails(CliRun.smp(cfg(), log(), "init", "-y", "--operator", "X"),
                "Error: passing any server information requires passing --source-code\n");
        assertFails(CliRun.xftp(cfg(), log(), "init", "-p", "/srv/files", "-q", "20tb"),
                "option --quota: cannot parse value `20tb'\n");
        assertFalse(Files.exists(cfg()));
    }

    @Test
    void unknownOptionsAndCommands() {
        CliRun r = CliRun.smp(cfg(), log(), "init", "--bogus");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("Invalid option `--bogus'\n\nUsage: smp-server init "), r.err());
        r = CliRun.smp(cfg(), log(), "launch");
        assertEquals(1, r.exitCode());
        assertEquals("Invalid argument `launch'\n\nUsage: smp-server [-v|--version] COMMAND\n", r.err());
        r = CliRun.smp(cfg(), log(), "init", "--ip");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("The option `--ip` expects an argument.\n"), r.err());
        r = CliRun.xftp(cfg(), log(), "init", "-q", "1gb");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("Missing: (-p|--path PATH)\n"), r.err());
    }

    @Test
    void referencePostgresCommandLinesGetRelayjsAnswer() {
        initSmp();
        String smp = "Error: relayj keeps queues in memory with a store log; it has no PostgreSQL storage.\n"
                + "To move a relay off PostgreSQL, run the reference's `smp-server database export` (it writes the "
                + "store log and the message log), then set store_queues: memory and store_messages: memory in "
                + "smp-server.ini and start relayj.\n";
        assertFails(CliRun.smp(cfg(), log(), "database", "export"), smp);
        assertFails(CliRun.smp(cfg(), log(), "database", "import", "--table", "queues", "-d",
                "postgresql://smp@/smp_server_store", "--schema", "smp_server"), smp);
        assertFails(CliRun.xftp(cfg(), log(), "database", "export"),
                "Error: relayj keeps files in memory with a store log; it has no PostgreSQL storage.\n"
                        + "To move a relay off PostgreSQL, run the reference's `xftp-server database export` (it "
                        + "writes the store log), then set store_files: memory in file-server.ini and start relayj.\n");
    }

    @Test
    void deleteWithoutConfirmationKeepsFiles() {
        initSmp();
        String warning = "WARNING: deleting the server will make all queues inaccessible, because the server identity "
                + "(certificate fingerprint) will change.\nTHIS CANNOT BE UNDONE!\nContinue (Y/n): ";
        CliRun r = CliRun.smp(cfg(), log(), "y\n", server -> server.close(), "delete");
        assertFails(r, "Server NOT deleted\n");
        assertEquals(warning, r.out());
        assertFails(CliRun.smp(cfg(), log(), "", server -> server.close(), "delete"), "Server NOT deleted\n");
        assertTrue(Files.exists(cfg().resolve("smp-server.ini")));
        r = CliRun.smp(cfg(), log(), "Y\n", server -> server.close(), "delete");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(warning + "Deleted configuration and log files\n", r.out());
        assertFalse(Files.exists(cfg()));
        assertFalse(Files.exists(log()));
    }

    @Test
    void startWithDefaultWebSettingsNeedsHttpsCredentials() {
        assertEquals(0, CliRun.smp(cfg(), log(), "init", "-y", "--no-password").exitCode());
        CliRun r = CliRun.smp(cfg(), log(), "start");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("----------\nError: no HTTPS credentials: " + cfg().resolve("web.crt") + ", "
                + cfg().resolve("web.key") + "\nServer should serve static pages"), r.err());
    }
}
