package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Help screens laid out as optparse-applicative lays out the reference's. */
class HelpTextTest {
    private final Path cfg = Path.of("/etc/opt/simplex");
    private final Path log = Path.of("/var/opt/simplex");

    @Test
    void noCommandShowsCommandListOnStderr() {
        CliRun r = CliRun.smp(cfg, log);
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals(SmpServerCli.VERSION + "\n\n"
                + "Usage: smp-server [-v|--version] COMMAND\n\n"
                + "Available options:\n"
                + "  -h,--help                Show this help text\n"
                + "  -v,--version             Show version\n\n"
                + "Available commands:\n"
                + "  init                     Initialize server - creates /etc/opt/simplex and\n"
                + "                           /var/opt/simplex directories and configuration files\n"
                + "  cert                     Generate new online TLS server credentials\n"
                + "                           (configuration: /etc/opt/simplex/smp-server.ini)\n"
                + "  start                    Start server (configuration:\n"
                + "                           /etc/opt/simplex/smp-server.ini)\n"
                + "  delete                   Delete configuration and log files\n"
                + "  journal                  Import/export messages to/from journal storage\n"
                + "  database                 Import/export queues to/from PostgreSQL database\n"
                + "                           storage\n", r.err());
    }

    @Test
    void versionAndHelpOnStdout() {
        CliRun v = CliRun.xftp(cfg, log, "-v");
        assertEquals(0, v.exitCode());
        assertEquals(XftpServerCli.VERSION + "\n", v.out());
        CliRun h = CliRun.smp(cfg, log, "delete", "--help");
        assertEquals(0, h.exitCode());
        assertEquals("Usage: smp-server delete\n\n"
                + "  Delete configuration and log files\n\n"
                + "Available options:\n"
                + "  -h,--help                Show this help text\n", h.out());
    }

    @Test
    void longOptionNamesPutTheirHelpOnTheNextLine() {
        CliRun h = CliRun.smp(cfg, log, "start", "-h");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("  --confirm-migrations CONFIRM_MIGRATIONS\n"
                + "                           Confirm PostgreSQL database migration: up, down\n"
                + "                           (default is manual confirmation)\n"), h.out());
    }
}
