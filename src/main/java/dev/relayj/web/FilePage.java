package dev.relayj.web;

/**
 * file/index.html of an XFTP server (XFTPWeb.hs writes the reference's file page there). File links
 * carry the encrypted file's description in the URL fragment, which browsers never send to the
 * server. This page does not transfer files in the browser: it explains the link and gives the
 * command that receives it ({@code xftp recv} accepts web links, FileTransfer/Client/Main.hs).
 */
final class FilePage {
    private FilePage() {}

    private static final String MAIN = """
            <h1>SimpleX File Transfer</h1>
            <p>This server relays end-to-end encrypted file fragments for SimpleX Chat and the <code>xftp</code>
            command-line tool. It never sees file contents, names or sizes.</p>
            <section class="card" id="file-card" hidden aria-labelledby="file-heading">
            <h2 id="file-heading">A file was shared with you</h2>
            <p>Receive it with the <code>xftp</code> command-line tool:</p>
            <textarea id="file-command" class="link mono" readonly rows="4" aria-label="Command to receive the file"></textarea>
            <div class="actions"><button type="button" class="button secondary" id="copy-command">Copy command</button></div>
            <p id="copy-status" role="status" aria-live="polite"></p>
            </section>
            <noscript><section class="card"><p>JavaScript is off, so this page cannot read the file link. Run
            <code>xftp recv</code> with the whole link in quotes.</p></section></noscript>
            <section class="card" aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">Private by design</h2>
            <p>The key to decrypt a shared file is in its link after the “#” sign. Your browser does not send that
            part to any server. Files are split into fragments of fixed sizes, each encrypted with its own key, and
            relays keep them for a limited time only.</p>
            <p>To send files, use <a href="https://simplex.chat/downloads">SimpleX Chat</a>.</p>
            </section>
            """;

    /** As the reference's file page, only a fragment longer than 50 characters counts as a file link. */
    private static final String SCRIPT = """
            (function () {
              "use strict";
              if (window.location.hash.length <= 50) {
                return;
              }
              var link = window.location.href;
              var command = "xftp recv '" + link.replace(/'/g, "%27") + "'";
              var text = document.getElementById("file-command");
              text.value = command;
              document.getElementById("file-card").hidden = false;
              var status = document.getElementById("copy-status");
              document.getElementById("copy-command").addEventListener("click", function () {
                function fallback() {
                  text.focus();
                  text.select();
                  status.textContent = document.execCommand("copy") ? "Copied." : "Select the command and copy it.";
                }
                if (navigator.clipboard && window.isSecureContext) {
                  navigator.clipboard.writeText(command).then(function () { status.textContent = "Copied."; }, fallback);
                } else {
                  fallback();
                }
              });
            })();
            """;

    static String render(SiteInfo info) {
        return PageLayout.page("SimpleX File Transfer", info.onionHost(), MAIN, SCRIPT);
    }
}
