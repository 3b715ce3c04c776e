package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import java.util.List;

/**
 * How an attempt ended, as one line and a classification: a handshake that failed, a close, a message over the
 * limit. A failed handshake is classified so: an HTTP refusal of the upgrade as the provider says (a fatal one
 * quoting the start of the server's answer, which says what is wrong with a key), a URL that cannot be dialled as
 * fatal, anything else (the network, a timeout) as retryable.
 *
 * <p>Stateless; thread safe.
 */
final class ConnectOutcome {

    /** Under the connection's name: these are its lines. */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Connection.class);

    /**
     * How an attempt ended.
     *
     * @param why the one line that says what happened (safe: masked, escaped, capped)
     * @param warn whether the runtime decided it (logged at WARN) rather than the network or the server (INFO)
     */
    record Ending(String why, Disposition disposition, boolean warn) {
    }

    private ConnectOutcome() {
    }

    /** The handshake failed: one readable line (the network stack's own text stays at DEBUG), classified. */
    static Ending failed(String connection, Throwable failure, FeedProtocol protocol, Endpoint endpoint,
            List<Secret> secrets, EngineContext context) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: connection attempt failed: {}", connection, ConnectFailures.debugChain(failure, endpoint,
                    secrets));
        }
        String why = context.outsideMessage(ConnectFailures.describe(failure, endpoint, secrets,
                context.connectTimeout()));
        return new Ending(why, classify(failure, why, protocol, endpoint, secrets, context), false);
    }

    /** The connection closed with {@code code} and the server's {@code reason}, classified by the provider. */
    static Ending closed(String connection, int code, String reason, FeedProtocol protocol, Endpoint endpoint,
            List<Secret> secrets, EngineContext context) {
        String reasonText = context.outside(reason);
        if (LOG.isDebugEnabled() && !reasonText.isEmpty()) {
            LOG.debug("{}: closed with {}: {}", connection, code, reasonText);
        }
        // Its own cleaning (white space collapsed, 200 characters), then ours for what that leaves (U+2028, bidi).
        String why = context.outsideMessage(ConnectFailures.describeClose(code, reason, endpoint, secrets));
        return new Ending(why, context.outside(protocol.classifyClose(code, reasonText)), false);
    }

    /** The server sent a message over the provider's limit; the transport closed with 1009. Retried. */
    static Ending tooLarge(String provider, long limit, long received) {
        String why = "the server sent a message larger than the limit of " + Durations.bytes(limit) + " ("
                + Durations.bytes(received) + " of it received when it was cut off; closed with 1009); if "
                + provider + " really sends messages this large, raise max-message-size for it";
        return new Ending(why, Disposition.retry(why), true);
    }

    /**
     * @param why the failure's line, already made safe ({@link ConnectFailures#describe})
     */
    private static Disposition classify(Throwable failure, String why, FeedProtocol protocol, Endpoint endpoint,
            List<Secret> secrets, EngineContext context) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof Transport.HandshakeException)
                && !(cause instanceof Transport.BadUrlException)) {
            cause = cause.getCause();
        }
        if (cause instanceof Transport.HandshakeException refused) {
            Disposition disposition = protocol.classifyHandshake(refused.status());
            if (disposition.kind() == Disposition.Kind.FATAL) {
                String body = ConnectFailures.body(refused, endpoint, secrets);
                if (!body.isEmpty()) {
                    disposition = Disposition.fatal(disposition.message() + " (the server answered: " + body + ")");
                }
            }
            return context.outside(disposition);
        }
        if (cause instanceof Transport.BadUrlException) {
            return Disposition.fatal(why);
        }
        return Disposition.retry(why);
    }
}
