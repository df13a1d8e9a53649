package dev.relayj.cli;

import dev.relayj.acme.AcmeSettings;
import dev.relayj.ini.IniEntry;
import dev.relayj.ini.IniException;
import dev.relayj.ini.IniFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * relayj's [WEB] keys for the built-in ACME client (not in the reference, which ignores them):
 * {@code acme: on|off} (default off), {@code acme_email}, {@code acme_directory} (a URL, or
 * {@code production} / {@code staging} for Let's Encrypt; default production). The certificate
 * goes to [WEB] cert/key, or to web.crt/web.key in the config directory when they are not set,
 * which is where the reference's guide keeps them.
 */
final class AcmeIni {
    private AcmeIni() {}

    static Optional<AcmeSettings> read(IniFile ini, Path cfgPath, Optional<String> hosts) throws IniException {
        if (!ini.onOff("WEB", "acme", false)) {
            return Optional.empty();
        }
        URI directory = AcmeSettings.LETS_ENCRYPT;
        Optional<IniEntry> directoryEntry = ini.entry("WEB", "acme_directory");
        if (directoryEntry.isPresent()) {
            String value = directoryEntry.get().value().trim();
            directory = switch (value) {
                case "production" -> AcmeSettings.LETS_ENCRYPT;
                case "staging" -> AcmeSettings.LETS_ENCRYPT_STAGING;
                default -> {
                    try {
                        URI uri = new URI(value);
                        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                            throw ini.invalid(directoryEntry.get(), "not an https URL, production or staging");
                        }
                        yield uri;
                    } catch (java.net.URISyntaxException e) {
                        throw ini.invalid(directoryEntry.get(), "not an https URL, production or staging");
                    }
                }
            };
        }
        List<String> names = hosts.stream().flatMap(h -> Arrays.stream(h.split(","))).map(String::trim)
                .filter(AcmeIni::isDnsName).toList();
        if (names.isEmpty()) {
            throw new IniException(ini.fileName() + ": [WEB] acme: on needs the relay's DNS names in [TRANSPORT] host"
                    + " (onion names and IP addresses cannot have a public certificate)");
        }
        Path certificate = ini.value("WEB", "cert").map(Path::of).orElse(cfgPath.resolve("web.crt"));
        Path key = ini.value("WEB", "key").map(Path::of).orElse(cfgPath.resolve("web.key"));
        Optional<String> email = ini.value("WEB", "acme_email").map(String::trim).filter(e -> !e.isEmpty());
        return Optional.of(AcmeSettings.of(directory, email, names, certificate, key, cfgPath.resolve("acme_account.key")));
    }

    private static boolean isDnsName(String host) {
        return !host.isEmpty() && !host.endsWith(".onion") && !host.startsWith("<") && !host.contains(":")
                && !host.matches("[0-9.]+") && host.matches("[A-Za-z0-9.-]+");
    }
}
