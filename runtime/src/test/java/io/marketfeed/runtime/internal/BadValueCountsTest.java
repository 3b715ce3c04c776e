package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.runtime.ProviderSnapshot.BadValue;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bad values on virtual time: counted per field and outcome, announced the first time per field and then at most
 * once a minute with the count since, samples capped and escaped, nothing allocated for a field seen before.
 */
class BadValueCountsTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final List<MarketEvent> published = new ArrayList<>();
    private final BadValueCounts counts = new BadValueCounts("sahmk", nanos::get,
            Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC), published::add,
            text -> OutsideText.clean(text, new SecretMask(List.of(Secret.of("shmk_test_FAKE_key"))),
                    BadValueCounts.SAMPLE_LENGTH));

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private StatusEvent status(int index) {
        return (StatusEvent) published.get(index);
    }

    @Test
    void theFirstIsAnnouncedThenAtMostOnceAMinutePerFieldWithTheCountSince() {
        counts.report("price", "NaN", true);
        assertEquals(1, published.size());
        StatusEvent first = status(0);
        assertEquals("bad-value", first.kind());
        assertEquals("sahmk", first.provider());
        assertEquals("price", first.details().get("field"));
        assertEquals("\"NaN\"", first.details().get("sample"));
        assertEquals("dropped", first.details().get("outcome"));
        assertEquals("1", first.details().get("count"));
        assertEquals("sahmk: field 'price' had a value that cannot be read exactly: \"NaN\"; the event was dropped "
                + "(counted in marketfeed_bad_values_total; reported again at most once a minute)", first.message());

        counts.report("bid", "true", false);
        assertEquals(2, published.size(), "another field is announced at once");
        assertEquals("absent", status(1).details().get("outcome"));

        for (int i = 0; i < 99; i++) {
            advance(Duration.ofMillis(500));
            counts.report("price", "1e100", i % 2 == 0);
        }
        assertEquals(2, published.size(), "within the minute: counted, not announced");

        advance(Duration.ofSeconds(11));
        counts.report("price", "null", false);
        assertEquals(3, published.size());
        StatusEvent again = status(2);
        assertEquals("100", again.details().get("count"), "every value since the first announcement");
        assertEquals("\"null\"", again.details().get("sample"));
        assertEquals("sahmk: field 'price' had 100 value(s) that cannot be read exactly since the last report "
                + "(51 event(s) dropped, 50 kept without it in all); latest: \"null\"; the event was kept without it",
                again.message());

        assertEquals(List.of(new BadValue("bid", 0, 1), new BadValue("price", 51, 50)), counts.snapshot());
    }

    @Test
    void samplesAreCappedAndControlCharactersEscaped() {
        counts.report("price", "x\r\n2026-12-04 FAKE LOG LINE", true);
        assertTrue(status(0).message().contains("\"x\\r\\n2026-12-04 FAKE LOG LINE\""), status(0).message());
        counts.report("bid", "invalid key shmk_test_FAKE_key", false);
        assertEquals("\"invalid key " + SecretMask.MASK + "\"", status(1).details().get("sample"),
                "the engine's secrets are masked");
        assertTrue(status(1).message().contains("\"invalid key " + SecretMask.MASK + "\""), status(1).message());
        counts.report("ask", "9".repeat(100), false);
        assertEquals("\"" + "9".repeat(64) + "… (100 characters in all)\"", status(2).details().get("sample"));
    }

    @Test
    void fieldsBeyondTheTableAreCountedTogether() {
        for (int i = 0; i < BadValueCounts.MAX_FIELDS + 10; i++) {
            counts.report("field" + i, "x", false);
        }
        List<BadValue> snapshot = counts.snapshot();
        assertEquals(BadValueCounts.MAX_FIELDS + 1, snapshot.size());
        assertEquals(new BadValue(BadValueCounts.OTHER, 0, 10), snapshot.get(0));
    }

    @Test
    void countingAFieldSeenBeforeAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] fields = {"price", "bid", "ask", "volume", "time"};
        StringBuilder sample = new StringBuilder("NaN");
        for (int round = 0; round < 20_000; round++) {   // announced once each, and warmed up
            counts.report(fields[round % fields.length], sample, round % 3 == 0);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 100_000; round++) {
            counts.report(fields[round % fields.length], sample, round % 3 == 0);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 1024, allocated + " bytes allocated for 100,000 bad values of known fields");
        assertEquals(5, published.size());
    }
}
