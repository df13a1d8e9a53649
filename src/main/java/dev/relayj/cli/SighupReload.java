package dev.relayj.cli;

import java.lang.System.Logger.Level;
import sun.misc.Signal;

/**
 * SIGHUP reloads the certificates, as daemons conventionally reload on it. The JDK offers signal
 * handling only through {@code sun.misc.Signal} (module jdk.unsupported).
 */
final class SighupReload {
    private static final System.Logger LOG = System.getLogger(SighupReload.class.getName());

    private SighupReload() {}

    /** Installs the handler; the last relay started in this JVM is the one reloaded. */
    static void install(java.util.function.Supplier<String> reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> LOG.log(Level.INFO, "SIGHUP: " + reload.get()));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "SIGHUP cannot be handled here (" + e.getMessage() + "); use the control port's reload-certs");
        }
    }
}
