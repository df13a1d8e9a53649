package dev.relayj.web;

import java.util.Optional;

/**
 * The frame every generated page shares: head, one inline style sheet, header and footer. Pages are
 * self-contained (no external style sheets, fonts, images or scripts), readable without JavaScript,
 * and follow the reader's light or dark preference.
 */
final class PageLayout {
    private PageLayout() {}

    private static final String STYLE = """
            :root {
              color-scheme: light dark;
              --bg: #f6f8fb; --card: #ffffff; --text: #1d2530; --muted: #505c6b; --line: #d8dee6;
              --accent: #0053d0; --accent-text: #ffffff; --code: #eef2f7;
            }
            @media (prefers-color-scheme: dark) {
              :root {
                --bg: #0b1526; --card: #13213a; --text: #e8edf4; --muted: #a9b6c6; --line: #2a3b57;
                --accent: #70f0f9; --accent-text: #00102a; --code: #0e1a2e;
              }
            }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; }
            body {
              margin: 0; background: var(--bg); color: var(--text);
              font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
            }
            a { color: var(--accent); overflow-wrap: anywhere; }
            a:focus-visible, button:focus-visible, textarea:focus-visible {
              outline: 3px solid var(--accent); outline-offset: 2px;
            }
            .skip { position: absolute; left: -999px; }
            .skip:focus { left: 1rem; top: 1rem; background: var(--card); padding: .5rem 1rem; }
            header.site, footer.site, main { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
            header.site { display: flex; align-items: center; justify-content: space-between; gap: 1rem;
              padding-top: 1.25rem; padding-bottom: 1.25rem; border-bottom: 1px solid var(--line); }
            .brand { font-weight: 700; font-size: 1.2rem; color: var(--text); text-decoration: none; white-space: nowrap; }
            .brand span { color: var(--accent); }
            nav.site a { color: var(--muted); text-decoration: none; margin-left: 1rem; white-space: nowrap; }
            nav.site a:hover { text-decoration: underline; }
            h1 { font-size: 2rem; line-height: 1.2; margin: 2rem 0 1rem; }
            h2 { font-size: 1.3rem; margin: 0 0 .75rem; }
            .card { background: var(--card); border: 1px solid var(--line); border-radius: 12px;
              padding: 1.25rem 1.5rem; margin: 0 0 1.5rem; }
            table.facts { border-collapse: collapse; width: 100%; }
            table.facts th, table.facts td { text-align: left; vertical-align: top; padding: .5rem 0;
              border-top: 1px solid var(--line); }
            table.facts tr:first-child th, table.facts tr:first-child td { border-top: none; }
            table.facts th { width: 16rem; padding-right: 1.25rem; font-weight: 600; color: var(--muted); }
            table.facts ul { margin: 0; padding: 0; list-style: none; }
            code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em;
              overflow-wrap: anywhere; }
            .muted { color: var(--muted); }
            .button { display: inline-block; background: var(--accent); color: var(--accent-text); border: none;
              border-radius: 2rem; padding: .7rem 1.6rem; font: inherit; font-weight: 600; text-decoration: none;
              cursor: pointer; }
            .button.secondary { background: transparent; color: var(--accent); border: 2px solid var(--accent); }
            .actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
            textarea.link { width: 100%; min-height: 6rem; resize: vertical; background: var(--code);
              color: var(--text); border: 1px solid var(--line); border-radius: 8px; padding: .75rem; }
            ol.steps { padding-left: 1.25rem; }
            ol.steps li { margin: .35rem 0; }
            footer.site { color: var(--muted); font-size: .9rem; padding-top: 1rem; padding-bottom: 2rem;
              border-top: 1px solid var(--line); margin-top: 2rem; }
            footer.site a { margin-right: 1rem; }
            [hidden] { display: none !important; }
            @media (max-width: 40rem) {
              h1 { font-size: 1.6rem; }
              table.facts th, table.facts td { display: block; width: auto; padding: .15rem 0; }
              table.facts th { padding-top: .6rem; }
              table.facts tr + tr th { border-top: 1px solid var(--line); }
              table.facts td { border-top: none; }
            }
            """;

    /**
     * A whole page.
     *
     * @param title      the document title, escaped here
     * @param onionHost  announced with onion-location, as the reference's index page does
     * @param mainHtml   the page's content, already escaped
     * @param scriptOrEmpty an inline script placed at the end of the body
     */
    static String page(String title, Optional<String> onionHost, String mainHtml, String scriptOrEmpty) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n");
        onionHost.filter(h -> !h.isBlank()).ifPresent(h ->
                b.append("<meta http-equiv=\"onion-location\" content=\"http://").append(Html.escape(h.strip()))
                        .append("\">\n"));
        b.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
                .append("<header class=\"site\">\n")
                .append("<a class=\"brand\" href=\"/\">Simple<span>X</span> server</a>\n")
                .append("<nav class=\"site\" aria-label=\"Site\"><a href=\"/\">Server information</a></nav>\n")
                .append("</header>\n")
                .append("<main id=\"main\">\n").append(mainHtml).append("</main>\n")
                .append("<footer class=\"site\">\n")
                .append("<p>Get the SimpleX Chat app: ")
                .append("<a href=\"https://simplex.chat/downloads\">downloads</a>")
                .append("<a href=\"https://apps.apple.com/us/app/simplex-chat/id1605771084\">App Store</a>")
                .append("<a href=\"https://play.google.com/store/apps/details?id=chat.simplex.app\">Google Play</a>")
                .append("<a href=\"https://simplex.chat/fdroid\">F-Droid</a></p>\n")
                .append("<p><a href=\"https://github.com/simplex-chat/simplexmq/blob/stable/protocol/overview-tjr.md\">")
                .append("SimpleX protocols</a><a href=\"https://simplex.chat/\">simplex.chat</a></p>\n")
                .append("</footer>\n");
        if (!scriptOrEmpty.isEmpty()) {
            b.append("<script>\n").append(scriptOrEmpty).append("</script>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }
}
