package dev.relayj.cli;

import java.lang.System.Logger.Level;
import sun.misc.Signal;

/**
 * SIGHUP reloads the certificates, as daemons conventionally reload on it. The JDK offers signal
 * handling only through {@code sun.misc.Signal} (module jdk.unsupported).
 */
final class SighupReload {
    private static final System.Logger LOG = System.getLogger(SighupReload.class.getName());

    private static volatile boolean installed;

    private SighupReload() {}

    /** Whether SIGHUP is handled in this JVM (not so under -Xrs, or where the signal does not exist). */
    static boolean installed() {
        return installed;
    }

    /** Installs the handler; the last relay started in this JVM is the one reloaded. */
    static void install(java.util.function.Supplier<String> reload) {
        try {
            // the reload logs its own line
            Signal.handle(new Signal("HUP"), signal -> reload.get());
            installed = true;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "SIGHUP cannot be handled here (" + e.getMessage() + "); use the control port's reload-certs");
        }
    }
}
