package io.marketfeed.runtime.record;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's session that records, before passing each call on: every message it decodes (bytes, text or binary,
 * receive time), the opening of its socket, and the requests it is asked to encode (topic and symbols only: what it
 * encodes may hold a credential, and is not kept). The session's own behaviour is unchanged.
 *
 * <p>Threading: called as the provider's session is, one call at a time; recording copies the message into the
 * recorder's buffer and never waits.
 */
final class RecordingSession implements ProtocolSession {

    private final ProtocolSession session;
    private final FrameRecorder recorder;
    private final int ref;

    RecordingSession(ProtocolSession session, FrameRecorder recorder, int ref) {
        this.session = session;
        this.recorder = recorder;
        this.ref = ref;
    }

    /** The provider's own session behind {@code session}. */
    static ProtocolSession unwrap(ProtocolSession session) {
        return session instanceof RecordingSession ? ((RecordingSession) session).session : session;
    }

    @Override
    public void decode(InboundFrame frame, DecodeOutput out) {
        recorder.frame(ref, RecordFormat.epochNanos(frame.receivedAt()), frame.isText(), frame.array(), frame.offset(),
                frame.length());
        session.decode(frame, out);
    }

    @Override
    public void onOpen(DecodeOutput out) {
        recorder.call(RecordFormat.OPEN, ref);
        session.onOpen(out);
    }

    @Override
    public Map<String, Secret> queryParameters() {
        return session.queryParameters();
    }

    @Override
    public Optional<OutboundFrame> authMessage() {
        recorder.call(RecordFormat.AUTH, ref);
        return session.authMessage();
    }

    @Override
    public OutboundFrame subscribe(String topic, List<String> symbols) {
        recorder.request(RecordFormat.SUBSCRIBE, ref, topic, symbols);
        return session.subscribe(topic, symbols);
    }

    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        recorder.request(RecordFormat.UNSUBSCRIBE, ref, topic, symbols);
        return session.unsubscribe(topic, symbols);
    }

    @Override
    public Optional<OutboundFrame> heartbeat() {
        recorder.call(RecordFormat.HEARTBEAT, ref);
        return session.heartbeat();
    }
}
