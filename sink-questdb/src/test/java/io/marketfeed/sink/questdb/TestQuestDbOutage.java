package io.marketfeed.sink.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.SinkFixtures;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SampleEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * A server that goes away, stops answering, or refuses the login: the sink's calls fail within bounded time with a
 * one-line message naming the fix, and work again once the server is back.
 */
class TestQuestDbOutage {

    @RegisterExtension
    static final QuestDbServer questdb = new QuestDbServer();

    @Test
    void aStoppedServerFailsTheWriteAtOnceAndARestartedOneTakesWritesAgain() throws Exception {
        List<MarketEvent> events = SampleEvents.stream(300);
        QuestDbSink sink = questdb.sink("table-prefix = stopped_");
        sink.open();
        sink.write(new EventBatch(1, 0, events.subList(0, 100)));

        questdb.stop();
        try {
            assertWriteAndOpenFail(sink, new EventBatch(1, 100, events.subList(100, 200)), Duration.ofSeconds(3),
                    "QuestDB at http://127.0.0.1:" + questdb.httpPort() + " refused the connection: start QuestDB "
                            + "there, or fix sink.host and sink.http-port");
        } finally {
            questdb.restart();
        }

        // What the writer does next: open again and write the failed batch, then go on.
        SinkFixtures.writeAll(sink, new EventBatch(1, 100, events.subList(100, 200)),
                new EventBatch(1, 200, events.subList(200, 300)));
        questdb.awaitApplied();
        assertEquals(300, questdb.quotesAndTrades("stopped_"));
        TestQuestDbSink.assertRowEquals(questdb, "stopped_", 1, 150, events.get(150));
    }

    @Test
    void aServerThatStopsAnsweringFailsTheCallsWithinTheRequestTimeout() throws Exception {
        List<MarketEvent> events = SampleEvents.stream(20);
        try (FreezableProxy proxy = new FreezableProxy(questdb.httpPort())) {
            QuestDbSink sink = questdb.sink("table-prefix = frozen_\nhttp-port = " + proxy.port()
                    + "\nrequest-timeout = 1s");
            sink.open();
            sink.write(new EventBatch(2, 0, events.subList(0, 10)));

            proxy.freeze();
            long waited = assertWriteAndOpenFail(sink, new EventBatch(2, 10, events.subList(10, 20)),
                    Duration.ofSeconds(6), "QuestDB at http://127.0.0.1:" + proxy.port() + " did not answer within "
                            + "1000 ms (sink.request-timeout): check that the server is up, or raise it");
            assertTrue(waited >= Duration.ofMillis(900).toNanos(), "failed before the timeout: " + waited + " ns");

            // The held request may still reach the server now; written again, it is stored once all the same.
            proxy.thaw();
            SinkFixtures.writeAll(sink, new EventBatch(2, 10, events.subList(10, 20)));
        }
        questdb.awaitApplied();
        assertEquals(20, questdb.quotesAndTrades("frozen_"));
    }

    @Test
    void aRefusedLoginNamesTheKeysButNeverThePassword() {
        IOException wrong = assertThrows(IOException.class,
                () -> questdb.sink("table-prefix = login_\npassword = \"not-the-password\"").open());
        assertEquals("QuestDB at http://127.0.0.1:" + questdb.httpPort() + " refused the login of user '"
                + QuestDbServer.USER + "': check sink.username and sink.password", wrong.getMessage());
        for (Throwable t = wrong; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("not-the-password"), t.toString());
        }

        HoconSinkConfig anonymous = HoconSinkConfig.parse("type = questdb\nhttp-port = " + questdb.httpPort(),
                Path.of("."));
        IOException none = assertThrows(IOException.class, () -> new QuestDbSinkFactory().create(anonymous).open());
        assertEquals("QuestDB at http://127.0.0.1:" + questdb.httpPort() + " asks for a login "
                + "(http.user/http.password): set sink.username and sink.password", none.getMessage());
    }

    /**
     * Writing {@code batch} to the open {@code sink}, and then opening it again once closed, both fail within
     * {@code limit} with {@code message}, as the writer's next calls would; returns how long the write took.
     */
    private static long assertWriteAndOpenFail(QuestDbSink sink, EventBatch batch, Duration limit, String message) {
        long start = System.nanoTime();
        assertEquals(message, failsWithin(limit, () -> sink.write(batch)).getMessage());
        long waited = System.nanoTime() - start;
        sink.close();
        assertEquals(message, failsWithin(limit, sink::open).getMessage());
        return waited;
    }

    /** Runs {@code call}, which must throw an {@link IOException} within {@code limit}, and returns it. */
    private static IOException failsWithin(Duration limit, Executable call) {
        return assertTimeoutPreemptively(limit, () -> assertThrows(IOException.class, call));
    }
}
