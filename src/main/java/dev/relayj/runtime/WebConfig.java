package dev.relayj.runtime;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The [WEB] section: where the static information site is generated and the embedded web servers
 * that serve it (Server/Main.hs {@code runWebServer}, {@code webHttpsParams'}).
 */
public record WebConfig(Optional<Path> staticPath, OptionalInt httpPort, Optional<HttpsConfig> https) {
    /** {@code https}, {@code cert} and {@code key} of [WEB]; only present when all three are set. */
    public record HttpsConfig(int port, Path certificate, Path privateKey) {}
}
