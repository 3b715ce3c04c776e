package io.marketfeed.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: endpoint URLs in either form a user writes, a base URL (the provider appends the documented path) or the
 * full URL as the vendor documents it (used as given), and the messages for every mistake.
 */
class SettingsReaderUrlsTest {

    private static final String KEY = "demo-CANARY-key-42";
    private static final String CREDENTIAL = "api-key (DEMO_KEY), which is added as ?api_key= when connecting";
    /** Two endpoints at documented paths, as a vendor such as AllTick has them. */
    private static final Map<String, String> PATHS = paths("stock", "/quote-stock-b-ws-api", "other",
            "/quote-b-ws-api");

    @Test
    void aBaseUrlOrAFullUrl() {
        assertEquals(URI.create("wss://host.example"), url("wss://host.example"));
        assertEquals(URI.create("wss://host.example"), url("WSS://host.example/"));
        assertEquals(URI.create("ws://127.0.0.1:8765"), url(" ws://127.0.0.1:8765 "));
        assertEquals(URI.create("wss://host.example/ws/v1/quotes"), url("wss://host.example/ws/v1/quotes"));
        assertEquals(URI.create("wss://host.example/ws/v1/stocks/"), url("wss://host.example/ws/v1/stocks/"),
                "the path exactly as written, trailing slash included");
        assertEquals(URI.create("ws://[::1]:9000/v1/ws"), url("ws://[::1]:9000/v1/ws"));

        assertTrue(SettingsReader.isBaseUrl(url("wss://host.example/")));
        assertFalse(SettingsReader.isBaseUrl(url("wss://host.example/v1/ws")));
        assertEquals(URI.create("wss://host.example/v1/ws"),
                SettingsReader.resolve(url("wss://host.example"), "/v1/ws"), "a base URL gets the documented path");
        assertEquals(URI.create("wss://host.example/gateway/ws"),
                SettingsReader.resolve(url("wss://host.example/gateway/ws"), "/v1/ws"), "a full URL is used as given");
    }

    @Test
    void everyMistakeSaysWhatToWriteAndNeverQuotesTheUrl() {
        assertEquals("must not have a query or fragment (the part from '?' or '#'): remove it and write the URL as "
                + "wss://host.example/ws; the credential comes from " + CREDENTIAL,
                refused("wss://host.example/ws?api_key=" + KEY));
        assertEquals("must use the ws or wss scheme, such as wss://host.example/ws (ws for http, wss for https)",
                refused("https://host.example/ws"));
        assertEquals("must not contain credentials; they come from " + CREDENTIAL, refused("wss://" + KEY
                + "@host.example/ws"));
        assertEquals("must name a host, such as wss://host.example/ws", refused("wss:///ws"));
        assertEquals("is not a valid URL; expected something like wss://host.example/ws", refused("wss://ho st/" + KEY));
        assertEquals("must be a ws:// or wss:// URL such as wss://host.example/ws", refused("  "));
    }

    @Test
    void severalEndpointsFromABaseUrl() {
        assertEquals(Map.of("stock", URI.create("wss://q.example/quote-stock-b-ws-api"),
                "other", URI.create("wss://q.example/quote-b-ws-api")), urls(Map.of("endpoint", "wss://q.example")));
    }

    @Test
    void severalEndpointsFromOneDocumentedUrl() {
        Map<String, URI> expected = Map.of("stock", URI.create("wss://q.example/quote-stock-b-ws-api"),
                "other", URI.create("wss://q.example/quote-b-ws-api"));
        assertEquals(expected, urls(Map.of("endpoint", "wss://q.example/quote-stock-b-ws-api")));
        assertEquals(expected, urls(Map.of("endpoint", "wss://q.example/quote-b-ws-api")));
        assertEquals(Map.of("stock", URI.create("ws://127.0.0.1:1/proxy/quote-stock-b-ws-api/"),
                "other", URI.create("ws://127.0.0.1:1/proxy/quote-b-ws-api")),
                urls(Map.of("endpoint", "ws://127.0.0.1:1/proxy/quote-stock-b-ws-api/")),
                "as written for its endpoint; the other's documented path after the same prefix");
    }

    @Test
    void eachEndpointItsOwnUrl() {
        assertEquals(Map.of("stock", URI.create("wss://a.example/s"), "other", URI.create("wss://b.example/o")),
                urls(Map.of("endpoint", "wss://unused.example", "endpoints.stock", "wss://a.example/s",
                        "endpoints.other", "wss://b.example/o")), "endpoint is not used when every endpoint has a URL");
        assertEquals(Map.of("stock", URI.create("wss://a.example/quote-stock-b-ws-api"),
                "other", URI.create("wss://q.example/quote-b-ws-api")),
                urls(Map.of("endpoint", "wss://q.example", "endpoints.stock", "wss://a.example")),
                "a base URL of its own gets the endpoint's path; the other comes from endpoint");
    }

    @Test
    void anUndocumentedPathServesOneNeededEndpointOnly() {
        assertEquals(URI.create("wss://q.example/custom"), urls(Map.of("endpoint", "wss://q.example/custom"),
                Set.of("other")).get("other"), "the only endpoint in use gets it as written");
        SettingsException e = assertThrows(SettingsException.class, () -> urls(Map.of("endpoint",
                "wss://q.example/custom")));
        assertEquals(List.of("marketfeed.providers.demo.endpoint"), paths(e));
        assertEquals("has a path that is none of the documented ones (/quote-stock-b-ws-api, /quote-b-ws-api), so it "
                + "cannot serve stock and other at once; write the base URL such as wss://q.example, or a documented "
                + "URL such as wss://q.example/quote-stock-b-ws-api (the others are derived from it), or give each its "
                + "URL in endpoints.stock and endpoints.other", e.problems().get(0).message());
    }

    @Test
    void mistakesInThePerEndpointKeys() {
        SettingsException e = assertThrows(SettingsException.class, () -> urls(Map.of("endpoint", "wss://q.example",
                "endpoints.other", "wss://q.example/quote-stock-b-ws-api", "endpoints.stocks", "wss://q.example")));
        assertEquals(List.of("marketfeed.providers.demo.endpoints.other", "marketfeed.providers.demo.endpoints.stocks"),
                paths(e));
        assertEquals("has the path of the stock endpoint (/quote-stock-b-ws-api); the other endpoint's URL ends in "
                + "/quote-b-ws-api, such as wss://q.example/quote-b-ws-api", e.problems().get(0).message());
        assertEquals("is not an endpoint of this provider; the endpoints are stock, other (endpoints.stock, "
                + "endpoints.other)", e.problems().get(1).message());

        e = assertThrows(SettingsException.class, () -> urls(Map.of("endpoint", "wss://q.example",
                "endpoints", "wss://q.example/quote-b-ws-api")));
        assertEquals("must be an object with one URL per endpoint, such as endpoints { stock = \"...\", "
                + "other = \"...\" }", e.problems().get(0).message());
    }

    private static URI url(String text) {
        SettingsReader in = new SettingsReader(ProviderSettings.of("demo", Map.of("endpoint", text)));
        URI url = in.webSocketUrl("endpoint", "wss://host.example/ws", CREDENTIAL);
        in.throwIfAny();
        return url;
    }

    /** The one problem of a refused URL; the message never shows the value. */
    private static String refused(String text) {
        SettingsException e = assertThrows(SettingsException.class, () -> url(text));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("marketfeed.providers.demo.endpoint", e.problems().get(0).path());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        return e.problems().get(0).message();
    }

    private static Map<String, URI> urls(Map<String, String> values) {
        return urls(values, PATHS.keySet());
    }

    private static Map<String, URI> urls(Map<String, String> values, Set<String> needed) {
        SettingsReader in = new SettingsReader(ProviderSettings.of("demo", values));
        Map<String, URI> urls = in.endpointUrls("endpoint", "endpoints", PATHS, needed, "wss://q.example", CREDENTIAL);
        in.throwIfAny();
        return urls;
    }

    private static List<String> paths(SettingsException e) {
        return e.problems().stream().map(SettingsProblem::path).toList();
    }

    private static Map<String, String> paths(String... idsAndPaths) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (int i = 0; i < idsAndPaths.length; i += 2) {
            paths.put(idsAndPaths[i], idsAndPaths[i + 1]);
        }
        return paths;
    }
}
