package dev.relayj.smp.client;

import dev.relayj.crypto.Hashes;
import dev.relayj.socks.SocksAuth;
import dev.relayj.socks.SocksCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The SOCKS credentials of a relay's outgoing connections ({@code clientSocksCredentials} in
 * simplexmq's {@code Client.hs}). With the default isolating auth the username is
 * base64(SHA-256("1:" + start time)) and the password empty: user 1 in the reference's default
 * per-session mode, so every connection of one run of the relay shares one Tor isolation key, and a
 * restarted relay gets fresh circuits.
 */
public final class SocksIsolation {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private SocksIsolation() {}

    /** Credentials for this auth setting; null for no authentication. */
    public static SocksCredentials credentials(SocksAuth auth, Instant sessionStart) {
        return switch (auth) {
            case SocksAuth.Username username -> username.credentials();
            case SocksAuth.None none -> null;
            case SocksAuth.Isolate isolate -> {
                byte[] hash = Hashes.sha256(("1:" + showUtcTime(sessionStart)).getBytes(StandardCharsets.UTF_8));
                yield new SocksCredentials(Base64.getEncoder().encode(hash), new byte[0]);
            }
        };
    }

    /** Haskell's {@code show} of a UTCTime: "2024-03-31 12:00:00.5 UTC", the fraction without trailing zeros. */
    static String showUtcTime(Instant time) {
        StringBuilder out = new StringBuilder(SECONDS.format(time));
        int nanos = time.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append(" UTC").toString();
    }
}
