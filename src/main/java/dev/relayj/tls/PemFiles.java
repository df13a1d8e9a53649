package dev.relayj.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** Reads and writes the PEM files of a server's identity, as openssl does. */
final class PemFiles {
    static final String CERTIFICATE = "CERTIFICATE";
    static final String PRIVATE_KEY = "PRIVATE KEY";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PemFiles() {}

    /** All PEM blocks of a file in order; text outside the blocks is ignored, as openssl does. */
    static List<PemObject> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": file not found");
        } catch (IOException e) {
            throw new IOException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<PemObject> blocks = new ArrayList<>();
        try (Reader reader = new StringReader(text); PemReader pem = new PemReader(reader)) {
            for (PemObject block = pem.readPemObject(); block != null; block = pem.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": malformed PEM (" + e.getMessage() + ")");
        }
        return blocks;
    }

    /** The blocks of the given PEM type; an error naming the file when there is none. */
    static List<byte[]> readAll(Path file, String type) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        for (PemObject block : read(file)) {
            if (block.getType().equals(type)) {
                contents.add(block.getContent());
            }
        }
        if (contents.isEmpty()) {
            throw new IOException(file + ": no " + type + " found");
        }
        return contents;
    }

    /** Writes a public file (certificate, request): the process umask decides its mode. */
    static void writePublic(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, encode(type, der), StandardCharsets.US_ASCII);
    }

    /**
     * Writes a private key readable by its owner only, as openssl genpkey does: the file is
     * created with mode 0600 rather than restricted after its content is written.
     */
    static void writeSecret(Path file, String type, byte[] der) throws IOException {
        Files.deleteIfExists(file);
        byte[] bytes = encode(type, der).getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + ": created by another process while writing the key");
        }
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static String encode(String type, byte[] der) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter pem = new PemWriter(text)) {
            pem.writeObject(new PemObject(type, der));
        }
        return text.toString();
    }
}
