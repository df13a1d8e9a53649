package dev.relayj.web;

import dev.relayj.web.SiteInfo.SmpSettings;
import dev.relayj.web.SiteInfo.XftpSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the server information site into [WEB] static_path, as the reference's {@code generateSite}
 * (Server/Web.hs, with SMPWeb.hs and XFTPWeb.hs choosing the pages) does at every start:
 *
 * <pre>
 * index.html                          server information
 * contact/ invitation/ a/ c/ g/ r/ i/ index.html   link pages (SMP)
 * file/index.html                     file link page (XFTP)
 * well-known/apple-app-site-association, well-known/assetlinks.json
 * </pre>
 *
 * The .well-known files go to a directory without the dot, as in the reference; the file server
 * maps {@code /.well-known/...} onto it. Files are overwritten in place, each one atomically (a
 * temporary file in the same directory renamed over it), so a server already serving the
 * directory never sends a half-written page. Other files in the directory are left alone.
 */
public final class StaticSite {
    /** The directory the .well-known files are written to (see {@link StaticFileServer}). */
    static final String WELL_KNOWN_DIR = "well-known";

    private StaticSite() {}

    /**
     * Generates the site; the directory is created if missing.
     *
     * @throws IOException with one line naming the file that could not be written
     */
    public static void generate(Path dir, SiteInfo info) throws IOException {
        write(dir.resolve("index.html"), IndexPage.render(info));
        switch (info.server()) {
            case SmpSettings s -> {
                String linkPage = LinkPage.render(info);
                for (String path : LinkPage.PATHS) {
                    write(dir.resolve(path).resolve("index.html"), linkPage);
                }
            }
            case XftpSettings x -> write(dir.resolve("file").resolve("index.html"), FilePage.render(info));
        }
        for (Map.Entry<String, String> f : WellKnown.files().entrySet()) {
            write(dir.resolve(WELL_KNOWN_DIR).resolve(f.getKey()), f.getValue());
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temp = parent.resolve("." + file.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(parent);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            IOException failure = new IOException("cannot write web page " + file + ": " + e.getMessage(), e);
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }
}
