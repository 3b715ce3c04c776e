package io.marketfeed.simulator.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.simulator.WsClient;
import io.marketfeed.simulator.tickatlas.TickAtlasFixture.Client;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Quotas reset at 00:00 UTC of the simulation's clock, and on an optional demo interval. */
class QuotaPeriodTest {

    @Test
    void midnightUtcResetsEveryQuota() {
        MovableClock clock = new MovableClock(Instant.parse("2026-02-10T23:59:59Z"));
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions().clock(clock)
                .key("ta_tiny", TickAtlasPlan.STARTER.withDailyQuota(5)))) {
            Client client = fixture.authenticated("ta_tiny");
            client.subscribe("EURUSD");
            client.expect("subscribed");
            fixture.simulation.tick();
            client.expect("quote");
            fixture.simulation.tick();
            assertEquals("quota_exceeded", client.expect("error").path("code").asText());

            clock.set(Instant.parse("2026-02-11T00:00:00.500Z"));
            WsClient.await(fixture.observation(), "the midnight reset",
                    () -> fixture.simulation.remainingCredits("ta_tiny") == 5);
            assertEquals(1, fixture.simulation.tick());
            client.expect("quote");
            fixture.simulation.tick();
            assertEquals("quota_exceeded", client.expect("error").path("code").asText(),
                    "told again in the new period");
        }
    }

    @Test
    void anIntervalResetForDemos() {
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions()
                .quotaResetInterval(Duration.ofMillis(200)))) {
            fixture.simulation.remainingCredits(TickAtlasSimulation.STARTER_KEY, 0);
            WsClient.await(fixture.observation(), "an interval reset",
                    () -> fixture.simulation.remainingCredits(TickAtlasSimulation.STARTER_KEY) == 50_000);
            assertTrue(fixture.simulation.remainingCredits(TickAtlasSimulation.SMALL_QUOTA_KEY)
                    == TickAtlasSimulation.SMALL_QUOTA);
        }
    }

    /** A clock a test moves by hand. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
