package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one connection attempt: a new protocol session (given the previous one to carry state over), its read
 * side ({@link Intake}), and the handshake with the credential and the session's own parameters.
 *
 * <p>Threading: the control thread only; the transport reports a failed handshake through {@code onFailed} on its
 * own thread.
 */
final class Dialer {

    /** Under the connection's name: these are its lines. */
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final Connection connection;
    private final ProviderRuntime provider;
    private final Endpoint endpoint;
    private final EngineContext context;

    Dialer(Connection connection, ProviderRuntime provider, Endpoint endpoint, EngineContext context) {
        this.connection = connection;
        this.provider = provider;
        this.endpoint = endpoint;
        this.context = context;
    }

    /**
     * Opens the session of attempt {@code generation}; empty (and the provider failed, saying why) when the
     * provider cannot open one: that is a bug in it or its packaging, and retrying cannot help.
     */
    Optional<Attempt> open(int generation, Attempt previous) {
        ProtocolSession session;
        try {
            session = openSession(previous);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{}: the {} provider could not open a session", connection.id(), provider.id(), e);
            provider.fail("the provider could not open a session for " + connection.id() + " (" + e
                    + "); this is a bug in the provider or its packaging (a missing class or jar)");
            return Optional.empty();
        }
        return Optional.of(new Attempt(generation, session, context.nanoTime()));
    }

    /**
     * The new session, given the previous one. Under the previous attempt's lock: a late frame of it may still be
     * decoding on its read thread while the provider reads that session's state.
     */
    private ProtocolSession openSession(Attempt previous) {
        if (previous == null) {
            return provider.protocol().openSession(new SessionContext(connection.id(), endpoint, Optional.empty()));
        }
        synchronized (previous) {
            return provider.protocol().openSession(new SessionContext(connection.id(), endpoint,
                    Optional.of(previous.session)));
        }
    }

    /** Starts the handshake of {@code next}; a failure reaches {@code onFailed} on the control thread. */
    void dial(Attempt next, BiConsumer<Attempt, Throwable> onFailed) {
        HeartbeatSpec heartbeat = provider.heartbeat(endpoint);
        Duration idleTimeout = heartbeat.staleTimeout().multipliedBy(4).plus(Duration.ofMinutes(1));
        Map<String, Secret> parameters;
        synchronized (next) {
            parameters = next.session.queryParameters();
        }
        // A session's own parameters (a resumption token) are credentials too: masked from now on, everywhere.
        context.secrets().addAll(parameters.values());
        next.extraSecrets = context.secrets().known();
        next.intake = new Intake(connection, next, provider, context, heartbeat);
        context.transport()
                .connect(HandshakeRequest.uri(endpoint, parameters), HandshakeRequest.headers(endpoint),
                        endpoint.compression(), context.connectTimeout(), idleTimeout, provider.maxMessageSize(),
                        next.intake)
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        context.post(() -> onFailed.accept(next, failure));
                    }
                });
    }
}
