package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.acme.AcmeSettings;
import dev.relayj.ini.IniException;
import dev.relayj.ini.IniFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The [WEB] acme keys: off by default, names from [TRANSPORT] host, one line naming what is wrong. */
class AcmeIniTest {
    private static final Path CFG = Path.of("/etc/opt/simplex");

    private static Optional<AcmeSettings> read(String web, String hosts) throws IniException {
        return AcmeIni.read(IniFile.parse("smp-server.ini", "[WEB]\nhttps = 443\n" + web), CFG, Optional.of(hosts));
    }

    @Test
    void offByDefault() throws IniException {
        assertEquals(Optional.empty(), read("", "smp.example.org"));
        assertEquals(Optional.empty(), read("acme = off\n", "smp.example.org"));
    }

    @Test
    void onUsesTheDnsNamesAndTheReferencePaths() throws IniException {
        AcmeSettings s = read("acme = on\nacme_email = admin@example.org\n",
                "smp.example.org, 203.0.113.5, abcdef.onion,smp2.example.org").orElseThrow();
        assertEquals(List.of("smp.example.org", "smp2.example.org"), s.names());
        assertEquals(AcmeSettings.LETS_ENCRYPT, s.directory());
        assertEquals(Optional.of("admin@example.org"), s.email());
        assertEquals(CFG.resolve("web.crt"), s.certificateFile());
        assertEquals(CFG.resolve("web.key"), s.keyFile());
        assertEquals(CFG.resolve("acme_account.key"), s.accountKeyFile());
    }

    @Test
    void certAndKeyKeysAndDirectoryChoices() throws IniException {
        AcmeSettings s = read("cert = /srv/c.pem\nkey = /srv/k.pem\nacme = on\nacme_directory = staging\n", "a.example")
                .orElseThrow();
        assertEquals(Path.of("/srv/c.pem"), s.certificateFile());
        assertEquals(Path.of("/srv/k.pem"), s.keyFile());
        assertEquals(AcmeSettings.LETS_ENCRYPT_STAGING, s.directory());
        assertEquals(URI.create("https://ca.example/dir"),
                read("acme = on\nacme_directory = https://ca.example/dir\n", "a.example").orElseThrow().directory());
    }

    @Test
    void badValuesAreOneLineNamingFileLineAndKey() {
        IniException bad = assertThrows(IniException.class, () -> read("acme = on\nacme_directory = ftp://x\n", "a.example"));
        assertEquals("smp-server.ini:4: invalid INI setting acme_directory: ftp://x (not an https URL, production or staging)",
                bad.getMessage());
        IniException noNames = assertThrows(IniException.class, () -> read("acme = on\n", "<hostnames>"));
        assertTrue(noNames.getMessage().startsWith("smp-server.ini: [WEB] acme: on needs the relay's DNS names"),
                noNames.getMessage());
        assertThrows(IniException.class, () -> read("acme = maybe\n", "a.example"));
    }
}
