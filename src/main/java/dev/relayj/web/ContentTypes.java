package dev.relayj.web;

import java.util.Locale;

/**
 * Content types by file name, as the reference's {@code staticMimeType} (Server/Web.hs), and which
 * of them are worth compressing ({@code isCompressible}).
 */
final class ContentTypes {
    private ContentTypes() {}

    static String of(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.endsWith(".html")) {
            return "text/html";
        } else if (f.endsWith(".css")) {
            return "text/css";
        } else if (f.endsWith(".js")) {
            return "application/javascript";
        } else if (f.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (f.endsWith(".png")) {
            return "image/png";
        } else if (f.endsWith(".ico")) {
            return "image/x-icon";
        } else if (f.endsWith(".json") || f.endsWith("apple-app-site-association")) {
            return "application/json";
        } else if (f.endsWith(".woff")) {
            return "font/woff";
        } else if (f.endsWith(".woff2")) {
            return "font/woff2";
        } else if (f.endsWith(".ttf")) {
            return "font/ttf";
        }
        return "application/octet-stream";
    }

    static boolean compressible(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        return f.endsWith(".html") || f.endsWith(".css") || f.endsWith(".js") || f.endsWith(".svg")
                || f.endsWith(".json") || f.endsWith("apple-app-site-association");
    }
}
