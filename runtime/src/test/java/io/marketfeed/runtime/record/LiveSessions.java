package io.marketfeed.runtime.record;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives the sessions of a (recording) protocol as the runtime's read and control threads would, and keeps the
 * events they emit: what a replay must give again. Single-threaded.
 */
final class LiveSessions implements DecodeOutput {

    private final FeedProtocol protocol;
    private final List<MarketEvent> events = new ArrayList<>();

    LiveSessions(FeedProtocol protocol) {
        this.protocol = protocol;
    }

    ProtocolSession open(String connection, ProtocolSession previous) {
        ProtocolSession session = protocol.openSession(new SessionContext(connection, LineProtocol.STREAM,
                Optional.ofNullable(previous)));
        session.onOpen(this);
        return session;
    }

    /** Decodes {@code text} from the middle of a larger buffer, as a transport hands it over. */
    void text(ProtocolSession session, String text, Instant at) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, buffer, 7, bytes.length);
        session.decode(new InboundFrame(buffer, 7, bytes.length, true, at), this);
    }

    void binary(ProtocolSession session, byte[] bytes, Instant at) {
        session.decode(new InboundFrame(bytes, 0, bytes.length, false, at), this);
    }

    List<MarketEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void emit(MarketEvent event) {
        events.add(event);
    }

    @Override
    public void ready() {
    }

    @Override
    public void limits(LimitsUpdate update) {
    }

    @Override
    public void acknowledged(String topic, List<String> symbols) {
    }

    @Override
    public void unsubscribed(String topic, List<String> symbols) {
    }

    @Override
    public void rejected(String topic, List<String> symbols, String reason) {
    }

    @Override
    public void substitute(String topic, String symbol, List<String> replacements, String reason) {
    }

    @Override
    public void heartbeat() {
    }

    @Override
    public void problem(Disposition disposition) {
    }

    @Override
    public void credits(CreditUpdate update) {
    }

    @Override
    public void lost(Instant from, String reason) {
    }
}
