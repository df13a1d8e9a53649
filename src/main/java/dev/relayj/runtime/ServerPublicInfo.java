package dev.relayj.runtime;

import java.util.Optional;

/**
 * The [INFORMATION] section, shown on the server's information page (Server/Information.hs).
 * Present only when {@code source_code} is set, as the AGPLv3 requires.
 */
public record ServerPublicInfo(
        String sourceCode,
        Optional<Conditions> usageConditions,
        Optional<Entity> operator,
        Optional<String> website,
        Optional<ContactAddress> adminContacts,
        Optional<ContactAddress> complaintsContacts,
        Optional<Entity> hosting,
        Optional<HostingType> hostingType,
        Optional<String> serverCountry) {

    public record Conditions(String conditions, Optional<String> amendments) {}

    /** An organisation or person with an ISO 3166 2-letter country code in upper case. */
    public record Entity(String name, Optional<String> country) {}

    /** A SimpleX contact link (as written in the INI), email and PGP key, any of them optional. */
    public record ContactAddress(Optional<String> simplex, Optional<String> email, Optional<PgpKey> pgp) {}

    public record PgpKey(String uri, String fingerprint) {}

    public enum HostingType {
        VIRTUAL("virtual"), DEDICATED("dedicated"), COLOCATION("colocation"), OWNED("owned");

        private final String text;

        HostingType(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Optional<HostingType> fromText(String text) {
            for (HostingType t : values()) {
                if (t.text.equals(text)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** Whether anything beyond the source code is declared ({@code hasServerInfo}). */
    public boolean hasServerInfo() {
        return usageConditions.isPresent() || operator.isPresent() || website.isPresent()
                || adminContacts.isPresent() || complaintsContacts.isPresent() || hosting.isPresent()
                || hostingType.isPresent() || serverCountry.isPresent();
    }
}
