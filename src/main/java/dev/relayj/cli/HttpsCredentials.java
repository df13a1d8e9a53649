package dev.relayj.cli;

import dev.relayj.tls.ServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads the relays' TLS credentials with the reference's checks ({@code getCredentials} in Server/Env/STM.hs). */
final class HttpsCredentials {
    private static final String LETS_ENCRYPT = "Use Let's Encrypt to generate: certbot certonly --standalone -d "
            + "yourdomainname --key-type rsa --rsa-key-size 4096\n----------";

    private HttpsCredentials() {}

    static ServerCredentials loadServer(String protocol, Path caCert, Path cert, Path key) throws CliFailure {
        requireFiles(protocol, List.of(caCert, cert, key));
        try {
            return ServerCredentials.load(caCert, cert, key);
        } catch (IOException e) {
            throw new CliFailure("Error: cannot load " + protocol + " credentials: " + e.getMessage());
        }
    }

    /** Web credentials must be RSA of at least 4096 bits (Let's Encrypt's P-256 is refused). */
    static ServerCredentials loadWeb(Path cert, Path key) throws CliFailure {
        requireFiles("HTTPS", List.of(cert, key));
        ServerCredentials creds;
        try {
            creds = ServerCredentials.loadWeb(cert, key);
        } catch (IOException e) {
            throw new CliFailure("Error: cannot load HTTPS credentials: " + e.getMessage());
        }
        boolean strongRsa = !creds.chain().isEmpty()
                && creds.chain().get(0).getPublicKey() instanceof RSAPublicKey rsa
                && rsa.getModulus().bitLength() >= 4096;
        if (!strongRsa) {
            throw new CliFailure("Error: unsupported HTTPS credentials, required 4096-bit RSA\n" + LETS_ENCRYPT);
        }
        return creds;
    }

    static Optional<ServerCredentials> loadWebIfSet(Optional<Path> cert, Optional<Path> key) throws CliFailure {
        return cert.isPresent() && key.isPresent() ? Optional.of(loadWeb(cert.get(), key.get())) : Optional.empty();
    }

    private static void requireFiles(String protocol, List<Path> files) throws CliFailure {
        List<String> missing = new ArrayList<>();
        for (Path f : files) {
            if (!Files.exists(f)) {
                missing.add(f.toString());
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder("----------\nError: no " + protocol + " credentials: "
                    + String.join(", ", missing));
            if (protocol.equals("HTTPS")) {
                sb.append("\nServer should serve static pages to show connection links in the browser.\n")
                        .append(LETS_ENCRYPT);
            }
            throw new CliFailure(sb.toString());
        }
    }
}
