package dev.relayj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

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
                try (var entries = Files.list(dir)) {
                    for (Path p : entries.toList()) {
                        deleteRecursively(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliFailure("Error: cannot prepare directory " + dir + ": " + e.getMessage());
        }
    }

    /** {@code deleteDirIfExists}. */
    static void deleteDir(Path dir) throws CliFailure {
        try {
            if (Files.isDirectory(dir)) {
                deleteRecursively(dir);
            }
        } catch (IOException e) {
            throw new CliFailure("Error: cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.list(path)) {
                for (Path p : entries.toList()) {
                    deleteRecursively(p);
                }
            }
        }
        Files.delete(path);
    }
}
