package dev.relayj.cli;

import dev.relayj.ini.IniEntry;
import dev.relayj.ini.IniException;
import dev.relayj.ini.IniFile;
import dev.relayj.runtime.CredentialFiles;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.runtime.ServerPublicInfo;
import dev.relayj.runtime.ServerPublicInfo.ContactAddress;
import dev.relayj.runtime.ServerPublicInfo.Entity;
import dev.relayj.runtime.ServerPublicInfo.HostingType;
import dev.relayj.runtime.WebConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Readers of the settings both relays share: credentials, ports, passwords, [INFORMATION], [WEB], [INACTIVE_CLIENTS]. */
final class IniSettings {
    private IniSettings() {}

    /** ca.crt, server.crt and server.key in the configuration directory ({@code defaultX509Config}). */
    static CredentialFiles serverCredentials(Path cfgPath) {
        return new CredentialFiles(Optional.of(cfgPath.resolve("ca.crt")), cfgPath.resolve("server.crt"),
                cfgPath.resolve("server.key"));
    }

    static int port(IniFile ini, IniEntry entry, String text) throws IniException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ini.invalid(entry, "expected a port number");
    }

    static OptionalInt optionalPort(IniFile ini, String section, String key) throws IniException {
        Optional<IniEntry> e = ini.entry(section, key);
        return e.isEmpty() ? OptionalInt.empty() : OptionalInt.of(port(ini, e.get(), e.get().value()));
    }

    /** A basic-auth password ({@code BasicAuth} in Protocol.hs): printable ASCII without whitespace, '@', ':' and '/'. */
    static Optional<String> password(IniFile ini, String section, String key) throws IniException {
        Optional<IniEntry> e = ini.entry(section, key);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        String value = e.get().value();
        if (!validPassword(value)) {
            throw ini.invalid(e.get(), "invalid character in BasicAuth");
        }
        return Optional.of(value);
    }

    static boolean validPassword(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '@' && c != ':' && c != '/');
    }

    /** [INACTIVE_CLIENTS]: with {@code disconnect = on}, {@code ttl} and {@code check_interval} (seconds) are required. */
    static Optional<ExpirationConfig> inactiveClients(IniFile ini) throws IniException {
        if (!ini.isOn("INACTIVE_CLIENTS", "disconnect")) {
            return Optional.empty();
        }
        return Optional.of(new ExpirationConfig(Duration.ofSeconds(ini.requiredLong("INACTIVE_CLIENTS", "ttl")),
                Duration.ofSeconds(ini.requiredLong("INACTIVE_CLIENTS", "check_interval"))));
    }

    static Optional<Duration> prometheusInterval(IniFile ini) throws IniException {
        return ini.longValue("STORE_LOG", "prometheus_interval").map(Duration::ofSeconds);
    }

    /** [WEB] ({@code webStaticPath'}, {@code webHttpsParams'} and the {@code http} port of Server/Main.hs). */
    static WebConfig web(IniFile ini) throws IniException {
        Optional<Path> staticPath = ini.value("WEB", "static_path").map(Path::of);
        OptionalInt http = optionalPort(ini, "WEB", "http");
        OptionalInt https = optionalPort(ini, "WEB", "https");
        Optional<String> cert = ini.value("WEB", "cert");
        Optional<String> key = ini.value("WEB", "key");
        Optional<WebConfig.HttpsConfig> httpsConfig = https.isPresent() && cert.isPresent() && key.isPresent()
                ? Optional.of(new WebConfig.HttpsConfig(https.getAsInt(), Path.of(cert.get()), Path.of(key.get())))
                : Optional.empty();
        return new WebConfig(staticPath, http, httpsConfig);
    }

    /** {@code serverPublicInfo} of Server/Main.hs: present only when {@code source_code} is set. */
    static Optional<ServerPublicInfo> information(IniFile ini) throws IniException {
        Optional<String> sourceCode = info(ini, "source_code");
        if (sourceCode.isEmpty()) {
            return Optional.empty();
        }
        Optional<ServerPublicInfo.Conditions> conditions = info(ini, "usage_conditions")
                .map(c -> new ServerPublicInfo.Conditions(c, info(ini, "condition_amendments")));
        Optional<HostingType> hostingType = Optional.empty();
        Optional<IniEntry> ht = ini.entry("INFORMATION", "hosting_type");
        if (ht.isPresent()) {
            hostingType = HostingType.fromText(ht.get().value());
            if (hostingType.isEmpty()) {
                throw ini.invalid(ht.get(), "bad HostingType");
            }
        }
        return Optional.of(new ServerPublicInfo(sourceCode.get(), conditions,
                entity(ini, "operator", "operator_country"), info(ini, "website"),
                contacts(ini, "admin_simplex", "admin_email", "admin_pgp", "admin_pgp_fingerprint"),
                contacts(ini, "complaints_simplex", "complaints_email", "complaints_pgp", "complaints_pgp_fingerprint"),
                entity(ini, "hosting", "hosting_country"), hostingType, country(ini, "server_country")));
    }

    private static Optional<String> info(IniFile ini, String key) {
        return ini.value("INFORMATION", key);
    }

    private static Optional<Entity> entity(IniFile ini, String nameKey, String countryKey) throws IniException {
        Optional<String> name = info(ini, nameKey);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entity(name.get(), country(ini, countryKey)));
    }

    private static Optional<String> country(IniFile ini, String key) throws IniException {
        Optional<IniEntry> e = ini.entry("INFORMATION", key);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> code = validCountry(e.get().value());
        if (code.isEmpty()) {
            throw ini.invalid(e.get(), "Use ISO3166 2-letter code for " + key);
        }
        return code;
    }

    /** {@code validCountryValue}: two ASCII letters, upper-cased. */
    static Optional<String> validCountry(String value) {
        boolean valid = value.length() == 2
                && value.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        return valid ? Optional.of(value.toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** A contact needs a SimpleX link, an email or a complete PGP key ({@code iniContacts}). */
    private static Optional<ContactAddress> contacts(IniFile ini, String simplexKey, String emailKey, String pgpKey,
            String pgpFingerprintKey) {
        Optional<String> simplex = info(ini, simplexKey);
        Optional<String> email = info(ini, emailKey);
        Optional<String> pgpUri = info(ini, pgpKey);
        Optional<String> pgpFingerprint = info(ini, pgpFingerprintKey);
        if (simplex.isEmpty() && email.isEmpty() && (pgpUri.isEmpty() || pgpFingerprint.isEmpty())) {
            return Optional.empty();
        }
        Optional<ServerPublicInfo.PgpKey> pgp = pgpUri.isPresent() && pgpFingerprint.isPresent()
                ? Optional.of(new ServerPublicInfo.PgpKey(pgpUri.get(), pgpFingerprint.get()))
                : Optional.empty();
        return Optional.of(new ContactAddress(simplex, email, pgp));
    }
}
