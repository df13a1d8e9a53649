package dev.relayj.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The configuration and log directories of a relay, overridable by environment ({@code getEnvPath} in Server/CLI.hs). */
record ServerDirs(Path cfgPath, Path logPath) {
    static ServerDirs fromEnv(Map<String, String> env, String cfgVar, String cfgDefault, String logVar, String logDefault) {
        return new ServerDirs(Path.of(envPath(env, cfgVar, cfgDefault)), Path.of(envPath(env, logVar, logDefault)));
    }

    private static String envPath(Map<String, String> env, String name, String dflt) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? dflt : value;
    }

    /** {@code clearDirIfExists} then {@code createDirectoryIfMissing}. */
    static void prepareDir(Path dir) throws CliFailure {
        try {
            if (Files.isDirectory(dir)) {
                deleteContents(dir);
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliFailure("Error: cannot prepare directory " + dir + ": " + e.getMessage());
        }
    }

    /**
     * {@code deleteDirIfExists}, except that an emptied directory whose parent this user may not
     * write is kept (the packages make /etc/opt/simplex owned by smp inside root's /etc/opt, so
     * {@code sudo su smp -c "smp-server delete"} can clear it but not unlink it).
     *
     * @return the directory kept, if it was kept
     */
    static Optional<Path> deleteDir(Path dir) throws CliFailure {
        try {
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            deleteContents(dir);
            try {
                Files.delete(dir);
                return Optional.empty();
            } catch (AccessDeniedException e) {
                return Optional.of(dir);
            }
        } catch (AccessDeniedException e) {
            throw new CliFailure("Error: cannot delete " + e.getFile() + ": permission denied");
        } catch (IOException e) {
            throw new CliFailure("Error: cannot delete " + dir + ": " + e);
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                deleteRecursively(p);
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            deleteContents(path);
        }
        Files.delete(path);
    }
}
