package dev.relayj.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.web.SiteInfo.Conditions;
import dev.relayj.web.SiteInfo.Contacts;
import dev.relayj.web.SiteInfo.Entity;
import dev.relayj.web.SiteInfo.Persistence;
import dev.relayj.web.SiteInfo.PgpKey;
import dev.relayj.web.SiteInfo.SmpSettings;
import dev.relayj.web.SiteInfo.XftpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticSiteTest {
    static final SmpSettings SMP = new SmpSettings(Persistence.MESSAGES, Optional.of(21L * 86400), true, true, false);

    @TempDir
    Path dir;

    static SiteInfo fullInfo() {
        return new SiteInfo(SMP, "6.4.5.0", Optional.of("https://github.com/example/relayj"),
                List.of("smp://LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=@smp.example.com"),
                Optional.of("https://example.com"),
                Optional.of(new Conditions("https://example.com/conditions", Optional.of("https://example.com/amend"))),
                Optional.of(new Entity("<script>alert('x')</script> & Co", Optional.of("DE"))),
                Optional.of(new Contacts(Optional.of("https://simplex.chat/contact#/?v=2-7&smp=x"),
                        Optional.of("admin@example.com"),
                        Optional.of(new PgpKey("https://example.com/key.asc", "0123 4567 89AB")))),
                Optional.of(new Contacts(Optional.empty(), Optional.of("abuse@example.com"), Optional.empty())),
                Optional.of(new Entity("Hoster \"Ltd\"", Optional.of("nl"))),
                Optional.of("dedicated"), Optional.of("FR"), Optional.of("abcdefghijklmnop.onion"));
    }

    private String read(String path) throws IOException {
        return Files.readString(dir.resolve(path));
    }

    @Test
    void fullInformationIsShownEscaped() throws IOException {
        StaticSite.generate(dir, fullInfo());
        String index = read("index.html");
        assertTrue(index.startsWith("<!DOCTYPE html>"));
        assertTrue(index.contains("6.4.5.0"));
        assertTrue(index.contains("<a href=\"https://github.com/example/relayj\""));
        assertTrue(index.contains("smp://LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=@smp.example.com"));
        assertTrue(index.contains("https://example.com/conditions"));
        assertTrue(index.contains("Amendments"));
        assertTrue(index.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
        assertFalse(index.contains("<script>alert"), "operator name must not become markup");
        assertTrue(index.contains("Germany (DE)"));
        assertTrue(index.contains("Netherlands (NL)"));
        assertTrue(index.contains("France (FR)"));
        assertTrue(index.contains("Hoster &quot;Ltd&quot;"));
        assertTrue(index.contains("href=\"mailto:admin@example.com\""));
        assertTrue(index.contains("href=\"https://simplex.chat/contact#/?v=2-7&amp;smp=x\""));
        assertTrue(index.contains(">0123 4567 89AB</a>"));
        assertTrue(index.contains("abuse@example.com"));
        assertTrue(index.contains("Dedicated"));
        assertTrue(index.contains("<meta http-equiv=\"onion-location\" content=\"http://abcdefghijklmnop.onion\">"));
        assertTrue(index.contains("Queues and messages"));
        assertTrue(index.contains("<td>21 days</td>"));
        assertFalse(index.contains("<script>"), "the SMP index page needs no script");
        for (String p : LinkPage.PATHS) {
            assertTrue(read(p + "/index.html").contains("Open in SimpleX Chat"), p);
        }
        assertFalse(Files.exists(dir.resolve("file")));
    }

    @Test
    void emptyInformationShowsOnlyWhatIsKnown() throws IOException {
        StaticSite.generate(dir, SiteInfo.of(new SmpSettings(Persistence.MEMORY_ONLY, Optional.empty(), false, false, true),
                "6.4.5.0"));
        String index = read("index.html");
        assertTrue(index.contains("add to smp-server.ini (required by"));
        assertTrue(index.contains("In-memory only"));
        assertTrue(index.contains("<td>Never</td>"));
        for (String absent : List.of("Operator", "Hosting", "Web site", "Usage conditions", "contacts", "Server country",
                "Server address", "onion-location")) {
            assertFalse(index.contains(absent), absent);
        }
    }

    @Test
    void unsafeUrisAreShownAsText() throws IOException {
        SiteInfo info = fullInfo();
        info = new SiteInfo(info.server(), info.version(), Optional.of("javascript:alert(1)"), List.of(),
                Optional.of("data:text/html,<b>x</b>"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("\"><script>"));
        StaticSite.generate(dir, info);
        String index = read("index.html");
        assertFalse(index.contains("href=\"javascript:"));
        assertTrue(index.contains("javascript:alert(1)"));
        assertFalse(index.contains("href=\"data:"));
        assertTrue(index.contains("data:text/html,&lt;b&gt;x&lt;/b&gt;"));
        assertTrue(index.contains("content=\"http://&quot;&gt;&lt;script&gt;\""));
    }

    @Test
    void xftpSiteHasTheFilePageAndNoLinkPages() throws IOException {
        StaticSite.generate(dir, SiteInfo.of(new XftpSettings(Optional.of(48L * 3600), true, true, false), "6.4.5.0"));
        String index = read("index.html");
        assertTrue(index.contains("add to file-server.ini"));
        assertTrue(index.contains("<td>2 days</td>"));
        assertTrue(index.contains("New uploads allowed"));
        assertTrue(read("file/index.html").contains("xftp recv"));
        for (String p : LinkPage.PATHS) {
            assertFalse(Files.exists(dir.resolve(p)), p);
        }
        assertTrue(Files.exists(dir.resolve("well-known/assetlinks.json")));
    }

    @Test
    void wellKnownFilesDeclareTheApps() throws IOException {
        StaticSite.generate(dir, fullInfo());
        String apple = read("well-known/apple-app-site-association");
        assertTrue(apple.contains("\"5NN7GUYB6T.chat.simplex.app\""));
        for (String p : List.of("contact", "invitation", "a", "c", "g", "i")) {
            assertTrue(apple.contains("{\"/\": \"/" + p + "/*\"}"), p);
            assertTrue(apple.contains("{\"/\": \"/" + p + "\"}"), p);
        }
        String android = read("well-known/assetlinks.json");
        assertTrue(android.contains("\"package_name\": \"chat.simplex.app\""));
        assertTrue(android.contains("delegate_permission/common.handle_all_urls"));
        assertEquals(3, android.split("[0-9A-F]{2}(:[0-9A-F]{2}){31}", -1).length - 1);
    }

    @Test
    void regenerationOverwritesInPlaceAndLeavesNoTemporaryFiles() throws IOException {
        Files.writeString(dir.resolve("operator-file.txt"), "kept");
        StaticSite.generate(dir, fullInfo());
        StaticSite.generate(dir, SiteInfo.of(SMP, "7.0.0.0"));
        assertTrue(read("index.html").contains("7.0.0.0"));
        assertFalse(read("index.html").contains("Operator"));
        assertEquals("kept", read("operator-file.txt"));
        try (Stream<Path> all = Files.walk(dir)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void unwritableDirectoryIsOneClearError() throws IOException {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> StaticSite.generate(file, fullInfo()));
        assertTrue(e.getMessage().startsWith("cannot write web page " + file.resolve("index.html")), e.getMessage());
    }

    @Test
    void ttlTextAsTheReference() {
        assertEquals("0 sec", TtlText.format(0));
        assertEquals("45 sec", TtlText.format(45));
        assertEquals("1 min 30 sec", TtlText.format(90));
        assertEquals("1 hour", TtlText.format(3600));
        assertEquals("2 hours", TtlText.format(7200));
        assertEquals("1 day", TtlText.format(86400));
        assertEquals("1 week", TtlText.format(604800));
        assertEquals("2 weeks", TtlText.format(14 * 86400));
        assertEquals("1 month", TtlText.format(2592000));
        assertEquals("2 months 3 days", TtlText.format(63 * 86400));
        assertEquals("1 day 1 hour 1 min 1 sec", TtlText.format(90061));
    }

    @Test
    void countries() {
        assertEquals("<span aria-hidden=\"true\">\uD83C\uDDE9\uD83C\uDDEA</span> Germany (DE)", CountryText.html("DE"));
        assertEquals("&lt;b&gt;", CountryText.html("<b>"));
        assertEquals("Atlantis", CountryText.html("Atlantis"));
        assertTrue(CountryText.html("XX").endsWith(" XX"));
    }
}
