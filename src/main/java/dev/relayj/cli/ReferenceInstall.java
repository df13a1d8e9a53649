package dev.relayj.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the reference's install script leaves behind that takes precedence over a packaged relayj:
 * its binary in /usr/local/bin comes before /usr/bin on the PATH, and its unit in
 * /etc/systemd/system overrides the package's in /lib/systemd/system, so that
 * {@code systemctl start smp-server} would go on running the Haskell relay. Said at start, one line
 * each, with how to move it aside.
 */
final class ReferenceInstall {
    private ReferenceInstall() {}

    /**
     * @param root    "/" on a real system (tests pass another)
     * @param program smp-server or xftp-server
     */
    static List<String> shadowingWarnings(Path root, String program) {
        List<String> warnings = new ArrayList<>();
        Path binary = root.resolve("usr/local/bin").resolve(program);
        if (Files.exists(binary) && !isRelayj(binary)) {
            warnings.add("Warning: " + binary + " (the reference's install) comes before /usr/bin/" + program
                    + " on the PATH; move it aside (e.g. to " + binary + ".haskell) to run relayj by that name.");
        }
        Path unit = root.resolve("etc/systemd/system").resolve(program + ".service");
        if (Files.exists(unit) && !Files.isSymbolicLink(unit) && !startsRelayj(root, unit)) {
            warnings.add("Warning: " + unit + " overrides the packaged unit; it starts "
                    + "/usr/local/bin/" + program + ". Move it aside and run 'systemctl daemon-reload' "
                    + "to start relayj with 'systemctl start " + program + "'.");
        }
        return warnings;
    }

    /**
     * The reference's unit may stay when its program is relayj (the switch that keeps the unit links
     * /usr/local/bin/smp-server to /usr/bin/smp-server): it then starts relayj, +RTS options and all.
     */
    private static boolean startsRelayj(Path root, Path unit) {
        try {
            for (String line : Files.readAllLines(unit)) {
                String l = line.strip();
                if (l.startsWith("ExecStart=")) {
                    // the prefixes of systemd.service(5) "Command lines": @ - : + !
                    String command = l.substring("ExecStart=".length()).replaceFirst("^[-@:+!]+", "").strip();
                    String program = command.split("\\s+", 2)[0];
                    return program.startsWith("/") && isRelayj(root.resolve(program.substring(1)));
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The packaged launcher is a link into relayj's image; the reference's is a Haskell binary. */
    private static boolean isRelayj(Path binary) {
        try {
            return binary.toRealPath().toString().contains("relayj");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
