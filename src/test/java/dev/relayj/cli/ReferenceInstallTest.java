package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference's install shadows the package: its binary on the PATH and its unit override it. */
class ReferenceInstallTest {
    @TempDir
    Path root;

    @Test
    void nothingIsSaidWithoutTheReferencesFiles() {
        assertEquals(List.of(), ReferenceInstall.shadowingWarnings(root, "smp-server"));
    }

    @Test
    void theReferencesBinaryAndUnitAreNamedWithHowToMoveThemAside() throws Exception {
        Files.createDirectories(root.resolve("usr/local/bin"));
        Files.writeString(root.resolve("usr/local/bin/smp-server"), "haskell binary");
        Files.createDirectories(root.resolve("etc/systemd/system"));
        // scripts/main/smp-server.service of the reference, as install.sh copies it
        Files.writeString(root.resolve("etc/systemd/system/smp-server.service"),
                "[Service]\nExecStart=/usr/local/bin/smp-server start +RTS -N -RTS\n");
        List<String> warnings = ReferenceInstall.shadowingWarnings(root, "smp-server");
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(root.resolve("usr/local/bin/smp-server") + " (the reference's install)"));
        assertTrue(warnings.get(1).contains("systemctl daemon-reload"));
        assertEquals(List.of(), ReferenceInstall.shadowingWarnings(root, "xftp-server"));
    }

    @Test
    void theReferencesUnitStartingRelayjThroughALinkIsNotAWarning() throws Exception {
        Path image = Files.createDirectories(root.resolve("usr/lib/relayj/bin"));
        Files.writeString(image.resolve("smp-server"), "relayj launcher");
        Files.createDirectories(root.resolve("usr/local/bin"));
        // the switch that keeps the reference's unit: /usr/local/bin/smp-server is relayj
        Files.createSymbolicLink(root.resolve("usr/local/bin/smp-server"), image.resolve("smp-server"));
        Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(root.resolve("etc/systemd/system/smp-server.service"),
                "[Service]\nUser=smp\nExecStart=/usr/local/bin/smp-server start +RTS -N -RTS \n");
        assertEquals(List.of(), ReferenceInstall.shadowingWarnings(root, "smp-server"));
    }
}
