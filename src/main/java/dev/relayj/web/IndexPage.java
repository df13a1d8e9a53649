package dev.relayj.web;

import dev.relayj.web.SiteInfo.Contacts;
import dev.relayj.web.SiteInfo.Entity;
import dev.relayj.web.SiteInfo.SmpSettings;
import dev.relayj.web.SiteInfo.XftpSettings;
import java.util.Locale;
import java.util.Optional;

/**
 * index.html: the server information page. Shows what the reference's index.html shows (public
 * information rows, each only when set, then the configuration rows of SMPWeb.hs or XFTPWeb.hs), in
 * our own markup.
 */
final class IndexPage {
    private static final String AGPL = "https://github.com/simplex-chat/simplexmq/blob/stable/LICENSE";

    /**
     * XFTP web links have the form {@code https://host/#<description>} (fileWebLink in
     * FileTransfer/Client/Main.hs), so they land on this page: point the reader to the file page.
     */
    private static final String FILE_LINK_NOTICE = """
            <section class="card" id="file-link" hidden>
            <h2>This is a link to a file</h2>
            <p><a class="button" id="file-link-open" href="/file">Open the file page</a></p>
            </section>
            """;

    private static final String FILE_LINK_SCRIPT = """
            (function () {
              "use strict";
              if (window.location.hash.length > 50) {
                document.getElementById("file-link-open").href = "/file" + window.location.hash;
                document.getElementById("file-link").hidden = false;
              }
            })();
            """;

    private IndexPage() {}

    static String render(SiteInfo info) {
        String kind = info.server() instanceof SmpSettings ? "SMP" : "XFTP";
        StringBuilder m = new StringBuilder(4096);
        m.append("<h1>Server information</h1>\n");
        if (info.server() instanceof XftpSettings) {
            m.append(FILE_LINK_NOTICE);
        }
        m.append("<p class=\"muted\">This is a SimpleX ").append(kind).append(" relay: ")
                .append(info.server() instanceof SmpSettings
                        ? "it passes messages between users of SimpleX Chat and other SimpleX applications."
                        : "it holds encrypted file chunks sent by users of SimpleX Chat until they are received.")
                .append(" It does not know who its users are.</p>\n");

        m.append("<section class=\"card\" aria-labelledby=\"public-info\">\n<h2 id=\"public-info\">Public information</h2>\n")
                .append("<table class=\"facts\">\n");
        row(m, "Server version", Html.escape(info.version()));
        row(m, "Source code", info.sourceCode().filter(s -> !s.isBlank())
                .map(s -> Html.link(s, s))
                .orElse("add to " + Html.escape(info.server().iniFileName()) + " (required by "
                        + Html.link(AGPL, "AGPLv3") + ")"));
        if (!info.serverAddresses().isEmpty()) {
            StringBuilder list = new StringBuilder("<ul>");
            for (String a : info.serverAddresses()) {
                list.append("<li><code>").append(Html.escape(a)).append("</code></li>");
            }
            row(m, info.serverAddresses().size() == 1 ? "Server address" : "Server addresses", list.append("</ul>").toString());
        }
        info.website().ifPresent(w -> row(m, "Web site", Html.link(w, w)));
        info.usageConditions().ifPresent(c -> {
            row(m, "Usage conditions", Html.link(c.conditions(), c.conditions()));
            c.amendments().ifPresent(a -> row(m, "Amendments", Html.link(a, a)));
        });
        info.operator().ifPresent(e -> row(m, "Operator", entity(e)));
        info.adminContacts().ifPresent(c -> row(m, "Administrator contacts", contacts(c)));
        info.complaintsContacts().ifPresent(c -> row(m, "Complaints and feedback", contacts(c)));
        info.hosting().ifPresent(e -> row(m, "Hosting provider", entity(e)));
        info.hostingType().filter(t -> !t.isBlank()).ifPresent(t -> row(m, "Hosting type", Html.escape(capitalised(t))));
        info.serverCountry().filter(c -> !c.isBlank()).ifPresent(c -> row(m, "Server country", CountryText.html(c)));
        m.append("</table>\n</section>\n");

        m.append("<section class=\"card\" aria-labelledby=\"config\">\n<h2 id=\"config\">Configuration</h2>\n")
                .append("<table class=\"facts\">\n");
        switch (info.server()) {
            case SmpSettings s -> {
                row(m, "Persistence", Html.escape(s.persistence().text()));
                row(m, "Message expiration", expiration(s.messageExpirationSeconds()));
                row(m, "Stats enabled", yesNo(s.statsEnabled()));
                row(m, "New queues allowed", yesNo(s.newQueuesAllowed()));
                row(m, "Basic auth enabled", yesNo(s.basicAuthEnabled()));
            }
            case XftpSettings x -> {
                row(m, "File expiration", expiration(x.fileExpirationSeconds()));
                row(m, "Stats enabled", yesNo(x.statsEnabled()));
                row(m, "New uploads allowed", yesNo(x.newUploadsAllowed()));
                row(m, "Basic auth enabled", yesNo(x.basicAuthEnabled()));
            }
        }
        m.append("</table>\n</section>\n");
        return PageLayout.page("SimpleX " + kind + " server information", info.onionHost(), m.toString(),
                info.server() instanceof XftpSettings ? FILE_LINK_SCRIPT : "");
    }

    private static void row(StringBuilder m, String label, String valueHtml) {
        m.append("<tr><th scope=\"row\">").append(Html.escape(label)).append("</th><td>").append(valueHtml)
                .append("</td></tr>\n");
    }

    private static String entity(Entity e) {
        String name = Html.escape(e.name());
        return e.country().filter(c -> !c.isBlank()).map(c -> name + " — " + CountryText.html(c)).orElse(name);
    }

    private static String contacts(Contacts c) {
        StringBuilder b = new StringBuilder("<ul>");
        c.simplex().ifPresent(s -> b.append("<li>SimpleX: ").append(Html.link(s, "open address")).append("</li>"));
        c.email().ifPresent(e -> b.append("<li>Email: ").append(Html.link("mailto:" + e, e)).append("</li>"));
        c.pgp().ifPresent(k -> b.append("<li>PGP: ").append(Html.link(k.uri(), k.fingerprint())).append("</li>"));
        return b.append("</ul>").toString();
    }

    private static String expiration(Optional<Long> seconds) {
        return seconds.map(s -> Html.escape(TtlText.format(s))).orElse("Never");
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }

    /** As the reference shows the hosting type: its first letter in upper case. */
    private static String capitalised(String s) {
        String t = s.strip();
        return t.isEmpty() ? t : t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
    }
}
