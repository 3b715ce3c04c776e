package io.marketfeed.runtime.internal;

import static java.util.Objects.requireNonNull;

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
 * A protocol that answers every question with the one it wraps; a subclass overrides what it changes. Immutable and
 * thread safe when the wrapped protocol is, as every {@link FeedProtocol} must be.
 */
public abstract class ForwardingProtocol implements FeedProtocol {

    private final FeedProtocol delegate;

    protected ForwardingProtocol(FeedProtocol delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    /** The protocol this one wraps. */
    protected final FeedProtocol delegate() {
        return delegate;
    }

    @Override
    public List<Endpoint> endpoints() {
        return delegate.endpoints();
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        return delegate.endpointFor(subscription);
    }

    @Override
    public List<Subscription> configuredSubscriptions() {
        return delegate.configuredSubscriptions();
    }

    @Override
    public Limits limits(Endpoint endpoint) {
        return delegate.limits(endpoint);
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint endpoint) {
        return delegate.heartbeat(endpoint);
    }

    @Override
    public CreditSpec credits() {
        return delegate.credits();
    }

    @Override
    public CreditPolicy creditPolicy() {
        return delegate.creditPolicy();
    }

    @Override
    public Optional<String> symbolProblem(Subscription subscription) {
        return delegate.symbolProblem(subscription);
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return delegate.classifyClose(code, reason);
    }

    @Override
    public Disposition classifyHandshake(int httpStatus) {
        return delegate.classifyHandshake(httpStatus);
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        return delegate.openSession(context);
    }
}
