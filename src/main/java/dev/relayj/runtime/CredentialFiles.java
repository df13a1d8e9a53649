package dev.relayj.runtime;

import java.nio.file.Path;
import java.util.Optional;

/** PEM files of a TLS identity: the CA certificate is absent for web (HTTPS) credentials. */
public record CredentialFiles(Optional<Path> caCertificate, Path certificate, Path privateKey) {}
