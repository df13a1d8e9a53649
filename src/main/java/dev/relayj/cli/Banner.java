package dev.relayj.cli;

import java.util.Optional;

/** Lines the relays print about themselves on init and start (Server/CLI.hs, Server/Main.hs). */
final class Banner {
    /** {@code simplexMQVersion} of the reference this relay is compatible with. */
    static final String SIMPLEXMQ_VERSION = "6.5.5.0";

    private Banner() {}

    /** {@code printServiceInfo}. */
    static void printServiceInfo(Console console, String version, String fingerprint, String address) {
        console.println(version);
        console.println("Fingerprint: " + fingerprint);
        console.println("Server address: " + address);
    }

    /** A server address ({@code strEncodeServer} in Protocol.hs): {@code smp://fp[:password]@host[:port]}. */
    static String address(String scheme, String fingerprint, Optional<String> password, String host, String port) {
        return scheme + "://" + fingerprint + password.map(p -> ":" + p).orElse("") + "@" + host
                + (port.isEmpty() ? "" : ":" + port);
    }

    static void printSourceCode(Console console, Optional<String> sourceCode) {
        if (sourceCode.isPresent()) {
            console.println("Server source code: " + sourceCode.get());
        } else {
            console.println("Warning: server source code is not specified.");
            console.println("Add 'source_code' property to [INFORMATION] section of INI file.");
        }
    }

    /** {@code showTTL} of Server/Expiration.hs: the largest whole unit. */
    static String showTtl(long seconds) {
        if (seconds % 60 != 0) {
            return seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes % 60 != 0) {
            return minutes + " minutes";
        }
        long hours = minutes / 60;
        if (hours % 24 != 0) {
            return hours + " hours";
        }
        return hours / 24 + " days";
    }
}
