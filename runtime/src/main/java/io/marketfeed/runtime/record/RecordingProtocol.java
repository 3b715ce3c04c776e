package io.marketfeed.runtime.record;

import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.CreditSpec;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Subscription;
import java.util.List;
import java.util.Optional;

/**
 * A provider's protocol with every session it opens recording (see {@link RecordingSession}); every declared fact
 * is the provider's own. Immutable and thread safe, like the protocol it wraps.
 */
final class RecordingProtocol implements FeedProtocol {

    private final String provider;
    private final FeedProtocol protocol;
    private final FrameRecorder recorder;

    RecordingProtocol(String provider, FeedProtocol protocol, FrameRecorder recorder) {
        this.provider = provider;
        this.protocol = protocol;
        this.recorder = recorder;
    }

    /**
     * The provider's session, given the provider's own previous session (never the recording layer around it), and
     * recorded under a new ref.
     */
    @Override
    public ProtocolSession openSession(SessionContext context) {
        Optional<ProtocolSession> previous = context.previous().map(RecordingSession::unwrap);
        ProtocolSession session = protocol.openSession(
                new SessionContext(context.connectionId(), context.endpoint(), previous));
        int ref = recorder.session(provider, context.connectionId(), context.endpoint().id());
        return new RecordingSession(session, recorder, ref);
    }

    @Override
    public List<Endpoint> endpoints() {
        return protocol.endpoints();
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        return protocol.endpointFor(subscription);
    }

    @Override
    public List<Subscription> configuredSubscriptions() {
        return protocol.configuredSubscriptions();
    }

    @Override
    public Limits limits(Endpoint endpoint) {
        return protocol.limits(endpoint);
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint endpoint) {
        return protocol.heartbeat(endpoint);
    }

    @Override
    public CreditSpec credits() {
        return protocol.credits();
    }

    @Override
    public CreditPolicy creditPolicy() {
        return protocol.creditPolicy();
    }

    @Override
    public Optional<String> symbolProblem(Subscription subscription) {
        return protocol.symbolProblem(subscription);
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return protocol.classifyClose(code, reason);
    }

    @Override
    public Disposition classifyHandshake(int httpStatus) {
        return protocol.classifyHandshake(httpStatus);
    }
}
