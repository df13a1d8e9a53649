package dev.relayj.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The GHC runtime's options, {@code +RTS ... -RTS} (or {@code +RTS ...} to the end), which the
 * reference's own systemd units pass ({@code smp-server start +RTS -N -RTS} in
 * scripts/main/smp-server.service). They size the Haskell runtime; the launchers size the JVM from RELAYJ_JAVA_OPTS, so
 * they are taken out of the command line and ignored with one line saying so.
 */
final class GhcRuntimeOptions {
    static final String NOTE = "Ignoring GHC runtime options (+RTS ... -RTS): relayj runs on a JVM, "
            + "sized by RELAYJ_JAVA_OPTS (systemctl edit: Environment=RELAYJ_JAVA_OPTS=-Xmx4g).";

    /** The command line without the runtime options, and whether there were any. */
    record Stripped(String[] args, boolean found) {}

    private GhcRuntimeOptions() {}

    static Stripped strip(String[] args) {
        List<String> kept = new ArrayList<>(args.length);
        boolean inRts = false;
        boolean found = false;
        for (String arg : args) {
            if (inRts) {
                if (arg.equals("-RTS")) {
                    inRts = false;
                }
            } else if (arg.equals("+RTS")) {
                inRts = true;
                found = true;
            } else {
                kept.add(arg);
            }
        }
        return new Stripped(kept.toArray(String[]::new), found);
    }
}
