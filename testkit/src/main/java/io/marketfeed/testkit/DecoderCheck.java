package io.marketfeed.testkit;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.testkit.GarbageFrames.Garbage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link MarketFeedProviderConformanceTest#decoderSurvivesMalformedAndUnknownFrames()}: feeds garbage to sessions
 * called directly, without a runtime, and collects every way the decoder mishandles it.
 */
final class DecoderCheck {

    private static final long SLOW_DECODE_MILLIS = 2_000;

    private final ProviderFacts facts;
    private final List<String> problems = new ArrayList<>();

    DecoderCheck(ProviderFacts facts) {
        this.facts = facts;
    }

    void run() {
        Endpoint endpoint = facts.endpoint();
        String topic = facts.topic();
        String symbol = facts.symbols(1).get(0);
        ProtocolScript script = facts.script();
        Handshake handshake = new Handshake(1, Instant.now(), endpoint.uri().getPath(), "", Map.of(), Map.of(),
                Handshake.SWITCHING_PROTOCOLS);
        List<String> scriptFrames = new ArrayList<>();
        scriptFrames.add(script.dataFrame(topic, symbol));
        scriptFrames.addAll(script.onOpen(handshake));
        ProtocolSession probe = facts.openSession(endpoint, 1);
        scriptFrames.addAll(script.reply(probe.subscribe(topic, List.of(symbol)).text()));
        probe.heartbeat().ifPresent(ping -> scriptFrames.addAll(script.reply(ping.text())));
        List<Garbage> garbage = GarbageFrames.build(scriptFrames, script.malformedFrames());

        feedGarbage(facts.openSession(endpoint, 2), garbage, "a fresh session");

        ProtocolSession established = facts.openSession(endpoint, 3);
        for (String frame : script.onOpen(handshake)) {
            decode(established, text("the frame on open " + frame, frame));
        }
        OutboundFrame subscribe = established.subscribe(topic, List.of(symbol));
        for (String reply : script.reply(subscribe.text())) {
            decode(established, text("the reply " + reply, reply));
        }
        expectData(established, topic, symbol, "before the garbage");
        feedGarbage(established, garbage, "an established session");
        expectData(established, topic, symbol, "after the garbage");
        Problems.assertNone("the decoder mishandles malformed or unknown frames ("
                + garbage.size() + " tried)", problems);
    }

    private void feedGarbage(ProtocolSession session, List<Garbage> garbage, String which) {
        for (Garbage frame : garbage) {
            RecordingDecodeOutput out = decode(session, frame);
            for (Disposition disposition : out.problems()) {
                if (disposition.kind() != Disposition.Kind.WARN) {
                    problems.add(which + ": reported " + disposition.kind() + " (" + disposition.message()
                            + ") for " + frame + "; malformed or unknown input may only be warned about");
                }
            }
        }
    }

    private RecordingDecodeOutput decode(ProtocolSession session, Garbage frame) {
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        long started = System.nanoTime();
        try {
            session.decode(frame.frame(), out);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError e) {
            problems.add("decode threw " + GarbageFrames.printable(e.toString()) + " for " + frame);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (millis > SLOW_DECODE_MILLIS) {
            problems.add("decode took " + millis + " ms for " + frame);
        }
        for (MarketEvent event : out.events()) {
            if (!facts.id().equals(event.provider())) {
                problems.add("decode emitted an event of provider '" + event.provider() + "' for " + frame);
            }
        }
        if (out.signals().toString().contains(facts.credential())) {
            problems.add("decode reported the credential (it would reach events and logs) for " + frame);
        }
        return out;
    }

    private void expectData(ProtocolSession session, String topic, String symbol, String when) {
        String frame = facts.script().dataFrame(topic, symbol);
        RecordingDecodeOutput out = decode(session, text("the data frame", frame));
        boolean found = out.dataEvents().stream()
                .anyMatch(event -> event.symbol().equals(symbol) && event.topic().equals(topic));
        if (!found) {
            problems.add("ProtocolScript.dataFrame(" + topic + ", " + symbol + ") did not decode to a market-data "
                    + "event of that symbol and topic " + when + "; frame " + frame + " gave " + out.signals());
        }
    }

    private static Garbage text(String name, String text) {
        return new Garbage(name, text.getBytes(StandardCharsets.UTF_8), true);
    }
}
