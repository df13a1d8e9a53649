package dev.relayj.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

/** The reference's test certificates and keys (simplexmq {@code tests/fixtures}): Ed448 at the top, Ed25519 in {@code ed25519/}. */
public final class ReferenceFixtures {
    /** Next to the checkout when the tests run from a worktree, else the machine's shared copy. */
    public static final Path DIR = Stream.of(Path.of("../shared/fixtures/simplexmq"), Path.of("/work/shared/fixtures/simplexmq"))
            .filter(dir -> Files.isRegularFile(dir.resolve("ca.crt")))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("simplexmq fixtures not found in ../shared/fixtures/simplexmq"));

    private ReferenceFixtures() {}

    public static Path path(String name) {
        return DIR.resolve(name);
    }

    /** The DER inside a one-block PEM file. */
    public static byte[] pem(String name) {
        try {
            String text = Files.readString(path(name), StandardCharsets.US_ASCII);
            StringBuilder body = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.startsWith("-----") && !line.isBlank()) {
                    body.append(line.strip());
                }
            }
            return Base64.getDecoder().decode(body.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
