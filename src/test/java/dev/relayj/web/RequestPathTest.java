package dev.relayj.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestPathTest {
    private static RequestPath ok(String target) {
        Optional<RequestPath> p = RequestPath.parse(target);
        assertTrue(p.isPresent(), target);
        return p.get();
    }

    @Test
    void segmentsAreDecoded() {
        assertEquals(new RequestPath(List.of(), false), ok("/"));
        assertEquals(new RequestPath(List.of("contact"), false), ok("/contact?x=1"));
        assertEquals(new RequestPath(List.of("contact"), true), ok("/contact/"));
        assertEquals(new RequestPath(List.of("a", "b c", "é"), false), ok("/a//b%20c/%C3%A9"));
        assertEquals(new RequestPath(List.of("well-known", "assetlinks.json"), false), ok("/.well-known/assetlinks.json"));
        assertEquals(new RequestPath(List.of("x", ".well-known"), false), ok("/x/.well-known"));
        assertEquals(new RequestPath(List.of("..."), false), ok("/..."));
    }

    @Test
    void anythingThatCouldLeaveTheSiteIsRefused() {
        for (String bad : List.of("", "contact", "*", "http://host/", "/..", "/../etc/passwd", "/a/../../x", "/./a",
                "/%2e%2e/x", "/%2E%2e", "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b", "/a%00b", "/a%0a", "/%", "/%4", "/%zz",
                "/%C3", "/%FF", "/a\u00e9")) {
            assertTrue(RequestPath.parse(bad).isEmpty(), bad);
        }
    }
}
