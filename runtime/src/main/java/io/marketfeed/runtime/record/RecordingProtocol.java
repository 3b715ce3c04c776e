package io.marketfeed.runtime.record;

import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.runtime.internal.ForwardingProtocol;
import java.util.Optional;

/**
 * A provider's protocol with every session it opens recording (see {@link RecordingSession}); every declared fact
 * is the provider's own. Immutable and thread safe, like the protocol it wraps.
 */
final class RecordingProtocol extends ForwardingProtocol {

    private final String provider;
    private final FrameRecorder recorder;

    RecordingProtocol(String provider, FeedProtocol protocol, FrameRecorder recorder) {
        super(protocol);
        this.provider = provider;
        this.recorder = recorder;
    }

    /**
     * The provider's session, given the provider's own previous session (never the recording layer around it), and
     * recorded under a new ref.
     */
    @Override
    public ProtocolSession openSession(SessionContext context) {
        Optional<ProtocolSession> previous = context.previous().map(RecordingSession::unwrap);
        ProtocolSession session = delegate().openSession(
                new SessionContext(context.connectionId(), context.endpoint(), previous));
        int ref = recorder.session(provider, context.connectionId(), context.endpoint().id());
        return new RecordingSession(session, recorder, ref);
    }
}
