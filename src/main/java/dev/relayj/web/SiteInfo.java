package dev.relayj.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the information site shows: the server's public information (the [INFORMATION] section,
 * simplexmq's {@code ServerPublicInfo}) and its public configuration ({@code ServerPublicConfig}).
 * Every text is shown as given, HTML-escaped; links are made clickable only for http(s), mailto
 * and simplex addresses.
 *
 * @param server             which relay and its public configuration; decides the pages generated
 * @param version            the server software version, shown as "Server version"
 * @param sourceCode         source code URI ([INFORMATION] source_code); when absent the page says
 *                           it must be added, as the AGPLv3 requires
 * @param serverAddresses    server addresses to show (such as {@code smp://fingerprint@host}); may be empty
 * @param website            operator's web site
 * @param usageConditions    usage conditions and their amendments
 * @param operator           server operator with country
 * @param adminContacts      administrator contacts
 * @param complaintsContacts contacts for complaints and feedback
 * @param hosting            hosting provider with country
 * @param hostingType        "virtual", "dedicated", "colocation" or "owned" (shown capitalised)
 * @param serverCountry      ISO 3166 two-letter code of the server's country
 * @param onionHost          the server's .onion host, announced with an onion-location header
 */
public record SiteInfo(
        ServerSettings server,
        String version,
        Optional<String> sourceCode,
        List<String> serverAddresses,
        Optional<String> website,
        Optional<Conditions> usageConditions,
        Optional<Entity> operator,
        Optional<Contacts> adminContacts,
        Optional<Contacts> complaintsContacts,
        Optional<Entity> hosting,
        Optional<String> hostingType,
        Optional<String> serverCountry,
        Optional<String> onionHost) {

    public SiteInfo {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(version, "version");
        serverAddresses = List.copyOf(serverAddresses);
    }

    /** A site with only the server's configuration and version: nothing declared about it. */
    public static SiteInfo of(ServerSettings server, String version) {
        return new SiteInfo(server, version, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Usage conditions URI and, optionally, the URI of amendments to them. */
    public record Conditions(String conditions, Optional<String> amendments) {}

    /** An organisation or person, with an ISO 3166 two-letter country code. */
    public record Entity(String name, Optional<String> country) {}

    /** Ways to reach someone: a SimpleX contact address, an email, a PGP key; any may be absent. */
    public record Contacts(Optional<String> simplex, Optional<String> email, Optional<PgpKey> pgp) {}

    /** A PGP key: where to get it and its fingerprint. */
    public record PgpKey(String uri, String fingerprint) {}

    /** The relay kind with its public configuration, as the reference's SMPWeb.hs and XFTPWeb.hs show it. */
    public sealed interface ServerSettings permits SmpSettings, XftpSettings {
        /** The configuration file named in the "add source code" hint ({@code iniFileName}). */
        String iniFileName();
    }

    /**
     * @param persistence              what survives a restart
     * @param messageExpirationSeconds message TTL; empty when messages never expire
     */
    public record SmpSettings(Persistence persistence, Optional<Long> messageExpirationSeconds, boolean statsEnabled,
            boolean newQueuesAllowed, boolean basicAuthEnabled) implements ServerSettings {
        @Override
        public String iniFileName() {
            return "smp-server.ini";
        }
    }

    /** @param fileExpirationSeconds file TTL; empty when files never expire */
    public record XftpSettings(Optional<Long> fileExpirationSeconds, boolean statsEnabled, boolean newUploadsAllowed,
            boolean basicAuthEnabled) implements ServerSettings {
        @Override
        public String iniFileName() {
            return "file-server.ini";
        }
    }

    /** The reference's {@code ServerPersistenceMode}, with the words its page uses. */
    public enum Persistence {
        MEMORY_ONLY("In-memory only"), QUEUES("Queues"), MESSAGES("Queues and messages");

        private final String text;

        Persistence(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
