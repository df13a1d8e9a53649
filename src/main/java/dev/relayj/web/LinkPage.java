package dev.relayj.web;

import java.util.List;
import java.util.Optional;

/**
 * The page behind SimpleX connection links such as {@code https://server/contact#/?v=...} or the
 * short {@code https://server/a#...}: the same page under every link path (SMPWeb.hs
 * {@code smpLinkPages}). The link itself is only in the URL fragment, which browsers never send,
 * so the page reads it in the browser and offers to open it in the app.
 *
 * <p>How the app link is formed follows the reference's contact.js: the last path segment names
 * the link type; the web link is {@code https://host/<type><fragment>}; the app link is
 * {@code simplex:/<type><fragment>}, and for short links (one-letter types) the fragment gains this
 * server's host name as the first {@code h} parameter, since a short link does not carry it.
 */
final class LinkPage {
    /** The reference's link page paths, each served from {@code <path>/index.html}. */
    static final List<String> PATHS = List.of("contact", "invitation", "a", "c", "g", "r", "i");

    private LinkPage() {}

    private static final String MAIN = """
            <h1 id="link-title">SimpleX link</h1>
            <p id="link-intro">This page opens a link to connect with someone in SimpleX Chat, a private messenger
            without user identifiers.</p>
            <section class="card" id="link-card" hidden aria-labelledby="connect-heading">
            <h2 id="connect-heading">Connect in the app</h2>
            <ol class="steps">
            <li>Install SimpleX Chat: <a href="https://apps.apple.com/us/app/simplex-chat/id1605771084">App Store</a>,
            <a href="https://play.google.com/store/apps/details?id=chat.simplex.app">Google Play</a>,
            <a href="https://simplex.chat/fdroid">F-Droid</a> or <a href="https://simplex.chat/downloads">desktop</a>.</li>
            <li>Open the link in the app:</li>
            </ol>
            <div class="actions"><a class="button" id="open-app" href="#">Open in SimpleX Chat</a></div>
            <ol class="steps" start="3"><li>Tap <strong>Connect</strong> in the app.</li></ol>
            <h2 id="copy-heading">Or copy the link</h2>
            <label for="link-text" class="muted">Paste it into the app with “Connect via link”:</label>
            <textarea id="link-text" class="link mono" readonly rows="4"></textarea>
            <div class="actions"><button type="button" class="button secondary" id="copy-link">Copy link</button></div>
            <p id="copy-status" role="status" aria-live="polite"></p>
            <p>In SimpleX Chat for the terminal, use this command:<br><code id="cli-command"></code></p>
            </section>
            <section class="card" id="no-link" hidden>
            <h2>This link is incomplete</h2>
            <p>A SimpleX link has its keys after the “#” sign. Ask the sender for the whole link.</p>
            </section>
            <noscript><section class="card"><p>JavaScript is off, so this page cannot read the link. Copy the
            address of this page and paste it into the SimpleX Chat app with “Connect via link”.</p></section></noscript>
            <section class="card" aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">Private by design</h2>
            <p>The public keys and the message queue address of this link are in its part after “#”. Your browser
            does not send that part to this server when it shows you this page.</p>
            </section>
            """;

    private static final String SCRIPT = """
            (function () {
              "use strict";
              var kinds = {
                contact: "a SimpleX contact address", a: "a SimpleX contact address",
                invitation: "a one-time SimpleX invitation", i: "a one-time SimpleX invitation",
                g: "a SimpleX group link", c: "a SimpleX channel link", r: "a SimpleX relay link"
              };
              var url = new URL(window.location.href);
              var parts = url.pathname.split("/").filter(function (p) { return p !== ""; });
              var type = parts.length > 0 ? parts[parts.length - 1] : "";
              var hash = url.hash;
              if (!Object.prototype.hasOwnProperty.call(kinds, type) || hash.length < 2) {
                document.getElementById("no-link").hidden = false;
                return;
              }
              var host = url.hostname;
              var appHash = hash;
              if (type.length === 1) {
                if (hash.indexOf("?") < 0) {
                  appHash = hash + "?h=" + host;
                } else if (hash.indexOf("?h=") < 0 && hash.indexOf("&h=") < 0) {
                  appHash = hash + "&h=" + host;
                } else {
                  appHash = hash.replace(/([?&])h=([^&]+)/, function (m, sep, hosts) {
                    return sep + "h=" + host + "," + hosts;
                  });
                }
              }
              var webLink = "https://" + url.host + "/" + type + hash;
              var appLink = "simplex:/" + type + appHash;
              document.getElementById("link-title").textContent = "This is " + kinds[type];
              document.getElementById("open-app").href = appLink;
              var text = document.getElementById("link-text");
              text.value = webLink;
              document.getElementById("cli-command").textContent = "/c " + webLink;
              document.getElementById("link-card").hidden = false;
              var status = document.getElementById("copy-status");
              document.getElementById("copy-link").addEventListener("click", function () {
                function fallback() {
                  text.focus();
                  text.select();
                  status.textContent = document.execCommand("copy") ? "Copied." : "Select the link and copy it.";
                }
                if (navigator.clipboard && window.isSecureContext) {
                  navigator.clipboard.writeText(webLink).then(function () { status.textContent = "Copied."; }, fallback);
                } else {
                  fallback();
                }
              });
            })();
            """;

    static String render(SiteInfo info) {
        return PageLayout.page("SimpleX link", Optional.empty(), MAIN, SCRIPT);
    }
}
