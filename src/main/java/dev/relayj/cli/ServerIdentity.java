package dev.relayj.cli;

import dev.relayj.tls.ServerCertificates;
import dev.relayj.tls.SignAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The relay's certificates in its configuration directory, as {@code init}, {@code start} and {@code cert} use them. */
final class ServerIdentity {

    private ServerIdentity() {}

    /** {@code checkSavedFingerprint}: the fingerprint file must match ca.crt. */
    static String checkSavedFingerprint(Path cfgPath) throws CliFailure {
        Path saved = cfgPath.resolve("fingerprint");
        Path caCrt = cfgPath.resolve("ca.crt");
        String savedFingerprint;
        String fingerprint;
        try {
            List<String> lines = Files.readAllLines(saved, StandardCharsets.UTF_8);
            savedFingerprint = lines.isEmpty() ? "" : lines.get(0);
            fingerprint = ServerCertificates.fingerprint(caCrt);
        } catch (NoSuchFileException e) {
            throw new CliFailure("Error: " + e.getFile() + " does not exist.");
        } catch (IOException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        if (!savedFingerprint.equals(fingerprint)) {
            throw new CliFailure("Stored fingerprint is invalid.");
        }
        return fingerprint;
    }

    static String createCaAndServer(Path cfgPath, SignAlgorithm algorithm, String commonName) throws CliFailure {
        try {
            return ServerCertificates.createCaAndServer(cfgPath, algorithm, commonName);
        } catch (IOException e) {
            throw new CliFailure("Error creating server certificates: " + e.getMessage());
        }
    }

    /** {@code genOnline}: a new online certificate signed by ca.key, keeping what is not given. */
    static void renewOnline(Console console, Path cfgPath, Optional<SignAlgorithm> algorithm, Optional<String> commonName)
            throws CliFailure {
        try {
            ServerCertificates.renewServer(cfgPath, algorithm.orElse(null), commonName.orElse(null));
        } catch (IOException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        console.println("Generated new server credentials");
        warnCAPrivateKeyFile(console, cfgPath);
    }

    static void warnCAPrivateKeyFile(Console console, Path cfgPath) {
        console.println("----------\n"
                + "You should store CA private key securely and delete it from the server.\n"
                + "If server TLS credential is compromised this key can be used to sign a new one, "
                + "keeping the same server identity and established connections.\n"
                + "CA private key location:\n"
                + cfgPath.resolve("ca.key")
                + "\n----------");
    }

    static Optional<SignAlgorithm> parseAlgorithm(String text) {
        for (SignAlgorithm a : SignAlgorithm.values()) {
            if (a.name().equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
