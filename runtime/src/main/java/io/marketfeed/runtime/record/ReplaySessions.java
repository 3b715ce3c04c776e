package io.marketfeed.runtime.record;

import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sessions of a replay: opens a provider's session for each recorded connection attempt, through the protocol
 * the configuration builds (the previous attempt's session passed on, as live), and applies each record to its
 * session: the socket's opening, the requests it was asked for, the messages it decodes.
 *
 * <p>Threading: the replaying thread only.
 */
final class ReplaySessions {

    /**
     * A provider to replay.
     *
     * @param borrows whether its sessions may be given a reused buffer (SPI 1.1), or need a copy of each message
     */
    record Source(FeedProtocol protocol, boolean borrows) {
    }

    private record Key(long recording, int ref) {
    }

    /** A recorded session: its provider's live session, or null when it cannot be replayed (said once). */
    private record Replayed(String provider, ProtocolSession session, Source source) {
    }

    private final Map<String, Source> providers;
    private final ReplayOutput out;
    private final Map<Key, Replayed> sessions = new HashMap<>();
    /** The last session of each recorded connection, by recording and connection id: a reconnect's previous. */
    private final Map<String, ProtocolSession> latest = new HashMap<>();
    private long frames;

    ReplaySessions(Map<String, Source> providers, ReplayOutput out) {
        this.providers = Map.copyOf(providers);
        this.out = out;
    }

    void apply(RecordEntry entry) {
        if (entry.kind == RecordFormat.SESSION) {
            open(entry);
            return;
        }
        if (entry.kind == RecordFormat.LOST) {
            out.count(ReplaySummary.NOT_RECORDED, entry.lostRecords);
            out.tell(entry.lostRecords + " received message(s) or request(s) were not recorded from "
                    + RecordFormat.instant(entry.lostSince) + " to " + RecordFormat.instant(entry.time)
                    + " (the recorder was behind): the replay has a hole there");
            return;
        }
        Replayed replayed = sessions.get(new Key(entry.recording, entry.ref));
        if (replayed == null || replayed.session == null) {
            if (replayed == null) {
                out.tell("records of a session whose start is not in the recording (an earlier file is missing) "
                        + "were skipped");
            }
            out.count(ReplaySummary.SKIPPED, 1);
            return;
        }
        try {
            call(replayed, entry);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            out.trouble(ReplaySummary.DECODER_FAILURES, "the " + replayed.provider + " session threw on a recorded "
                    + (entry.isMessage() ? "message" : "call") + ": " + e);
        }
    }

    private void call(Replayed replayed, RecordEntry entry) {
        ProtocolSession session = replayed.session;
        switch (entry.kind) {
            case RecordFormat.TEXT:
            case RecordFormat.BINARY:
                frames++;
                byte[] bytes = replayed.source.borrows ? entry.bytes : Arrays.copyOf(entry.bytes, entry.length);
                session.decode(new InboundFrame(bytes, 0, entry.length, entry.kind == RecordFormat.TEXT,
                        RecordFormat.instant(entry.time)), out);
                break;
            case RecordFormat.OPEN:
                session.onOpen(out);
                break;
            case RecordFormat.SUBSCRIBE:
                session.subscribe(entry.topic, List.copyOf(entry.symbols));
                break;
            case RecordFormat.UNSUBSCRIBE:
                session.unsubscribe(entry.topic, List.copyOf(entry.symbols));
                break;
            case RecordFormat.HEARTBEAT:
                session.heartbeat();
                break;
            case RecordFormat.AUTH:
                session.authMessage();
                break;
            default:
                throw new IllegalStateException("record kind " + entry.kind);
        }
    }

    private void open(RecordEntry entry) {
        Key key = new Key(entry.recording, entry.ref);
        if (sessions.containsKey(key)) {
            return;
        }
        Source source = providers.get(entry.provider);
        if (source == null) {
            out.tell("the recording has messages of provider '" + entry.provider + "', which the configuration does "
                    + "not enable; they were skipped");
            sessions.put(key, new Replayed(entry.provider, null, null));
            return;
        }
        Optional<Endpoint> endpoint = source.protocol.endpoints().stream()
                .filter(candidate -> candidate.id().equals(entry.endpoint)).findFirst();
        if (endpoint.isEmpty()) {
            out.tell("provider '" + entry.provider + "' has no endpoint '" + entry.endpoint + "' in this configuration "
                    + "(it has " + source.protocol.endpoints().stream().map(Endpoint::id).collect(Collectors.joining(", "))
                    + "); the messages of " + entry.connection + " were skipped");
            sessions.put(key, new Replayed(entry.provider, null, source));
            return;
        }
        String connection = entry.recording + "/" + entry.connection;
        ProtocolSession session;
        try {
            session = source.protocol.openSession(new SessionContext(entry.connection, endpoint.get(),
                    Optional.ofNullable(latest.get(connection))));
        } catch (RuntimeException | LinkageError e) {
            out.trouble(ReplaySummary.DECODER_FAILURES, "the " + entry.provider + " provider could not open a session "
                    + "for " + entry.connection + ": " + e);
            sessions.put(key, new Replayed(entry.provider, null, source));
            return;
        }
        latest.put(connection, session);
        sessions.put(key, new Replayed(entry.provider, session, source));
    }

    /** Messages decoded so far. */
    long frames() {
        return frames;
    }

    /** Sessions opened so far. */
    int opened() {
        return (int) sessions.values().stream().filter(replayed -> replayed.session != null).count();
    }
}
