package io.marketfeed.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOriginFactory;
import org.junit.jupiter.api.Test;

class TestOrigins {

    @Test
    void filesAsNameAndLine() {
        assertEquals("conf/my.conf:4", Origins.describe(ConfigOriginFactory.newFile("conf/my.conf").withLineNumber(4)));
        assertEquals("test.conf:3", Origins.describe(ConfigOriginFactory.newSimple("test.conf").withLineNumber(3)));
        assertEquals("-Dmarketfeed.stop-timeout",
                Origins.describe(ConfigOriginFactory.newSimple("-Dmarketfeed.stop-timeout")));
        assertEquals("", Origins.describe(null));
    }

    @Test
    void mergedValuesShowTheWinningLayer() {
        assertEquals("my.conf:3", Origins.describe(ConfigOriginFactory.newSimple(
                "merge of my.conf: 3,reference.conf @ jar:file:/x.jar!/reference.conf: 7")));
        assertEquals("demo.conf:9", Origins.describe(ConfigOriginFactory.newSimple(
                "merge of demo.conf @ jar:file:/app.jar!/demo.conf: 9,reference.conf: 3")));
    }

    @Test
    void resourcesNameTheirJar() {
        String origin = Origins.describe(ConfigFactory.parseResources(getClass().getClassLoader(), "reference.conf")
                .getValue("marketfeed.providers.sahmk.plan").origin());

        // A jar after packaging; a class directory when the reactor runs tests before packaging.
        assertTrue(origin.matches("reference\\.conf:\\d+( in marketfeed-provider-sahmk-.*\\.jar)?"), origin);
    }
}
