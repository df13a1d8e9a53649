package dev.relayj.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The .well-known files that let the SimpleX Chat apps open this server's link pages directly
 * (iOS universal links, Android app links), with the public app identifiers the reference ships in
 * apps/common/Web/static/.well-known.
 */
final class WellKnown {
    private WellKnown() {}

    /** The iOS app (team id and bundle id) and the link paths it claims; /r is not among them in the reference. */
    private static final String APPLE_APP_ID = "5NN7GUYB6T.chat.simplex.app";
    private static final String[] APPLE_PATHS = {"contact", "invitation", "a", "c", "g", "i"};

    /** The Android package and the SHA-256 fingerprints of its signing certificates. */
    private static final String ANDROID_PACKAGE = "chat.simplex.app";
    private static final String[] ANDROID_CERT_FINGERPRINTS = {
        "5E:3E:DC:C2:00:FB:A8:D5:F4:88:F3:CA:4C:32:5B:05:78:C5:6A:9C:03:A1:CC:B5:92:9C:D7:5C:7E:57:E2:4D",
        "3C:52:C4:FD:3C:AD:1C:07:C9:B0:0A:70:80:E3:58:FA:B9:FE:FC:B8:AF:5A:EC:14:77:65:F1:6D:0F:21:AD:85",
        "AE:C1:95:DC:FD:46:14:BD:3A:91:EC:26:D1:D5:14:C8:75:71:C5:CC:8D:CF:48:08:3F:92:83:14:3C:A2:B9:A6",
    };

    /** File name to content. */
    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("apple-app-site-association", appleAppSiteAssociation());
        files.put("assetlinks.json", assetLinks());
        return files;
    }

    private static String appleAppSiteAssociation() {
        StringBuilder components = new StringBuilder();
        for (String path : APPLE_PATHS) {
            if (!components.isEmpty()) {
                components.append(",\n");
            }
            components.append("          {\"/\": \"/").append(path).append("/*\"},\n")
                    .append("          {\"/\": \"/").append(path).append("\"}");
        }
        return "{\n  \"applinks\": {\n    \"details\": [\n      {\n"
                + "        \"appIDs\": [\"" + APPLE_APP_ID + "\"],\n"
                + "        \"components\": [\n" + components + "\n        ]\n"
                + "      }\n    ]\n  }\n}\n";
    }

    private static String assetLinks() {
        StringBuilder fingerprints = new StringBuilder();
        for (String f : ANDROID_CERT_FINGERPRINTS) {
            if (!fingerprints.isEmpty()) {
                fingerprints.append(",\n");
            }
            fingerprints.append("        \"").append(f).append('"');
        }
        return "[\n  {\n    \"relation\": [\"delegate_permission/common.handle_all_urls\"],\n"
                + "    \"target\": {\n      \"namespace\": \"android_app\",\n"
                + "      \"package_name\": \"" + ANDROID_PACKAGE + "\",\n"
                + "      \"sha256_cert_fingerprints\": [\n" + fingerprints + "\n      ]\n    }\n  }\n]\n";
    }
}
