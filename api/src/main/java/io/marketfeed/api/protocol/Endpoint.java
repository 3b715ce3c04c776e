package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One WebSocket endpoint of a provider. A provider may have several (SAHMK has quotes, depth and trades;
 * AllTick has one for stocks and one for everything else); {@link FeedProtocol#endpointFor} routes each
 * subscription to one.
 *
 * @param id short stable id, used in connection names: {@code quotes}
 * @param uri the URL <em>without</em> credentials; the runtime adds them from {@code auth}
 * @param auth how to authenticate
 * @param readiness when subscriptions may be sent
 * @param subscribeStyle additive or replace-all
 * @param topics the topics served here
 * @param headers extra handshake headers (for example an {@code Origin} the user configured)
 * @param compression whether to offer permessage-deflate; it is used when the server accepts it
 */
public record Endpoint(String id, URI uri, AuthStyle auth, Readiness readiness, SubscribeStyle subscribeStyle,
        Set<String> topics, Map<String, String> headers, boolean compression) {

    public Endpoint {
        requireNonNull(id, "id is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(auth, "auth is null");
        requireNonNull(readiness, "readiness is null");
        requireNonNull(subscribeStyle, "subscribeStyle is null");
        topics = Set.copyOf(topics);
        headers = Map.copyOf(headers);
    }

    /** An endpoint that does not offer compression (the cheaper choice on fast links and at high rates). */
    public Endpoint(String id, URI uri, AuthStyle auth, Readiness readiness, SubscribeStyle subscribeStyle,
            Set<String> topics, Map<String, String> headers) {
        this(id, uri, auth, readiness, subscribeStyle, topics, headers, false);
    }

    /** This endpoint, offering permessage-deflate or not. */
    public Endpoint withCompression(boolean offer) {
        return new Endpoint(id, uri, auth, readiness, subscribeStyle, topics, headers, offer);
    }

    @Override
    public String toString() {
        return "Endpoint[" + id + " " + uri + ", auth " + auth + ", topics " + topics
                + (compression ? ", permessage-deflate" : "") + "]";
    }
}
