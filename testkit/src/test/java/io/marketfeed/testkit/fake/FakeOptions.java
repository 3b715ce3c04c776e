package io.marketfeed.testkit.fake;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.SubscribeStyle;

/**
 * How one fake provider behaves: the protocol facts it declares, and the one thing it gets wrong, if any.
 *
 * @param wholeMarket whether it supports (and declares) the {@code *} wildcard
 */
public record FakeOptions(AuthStyle.Kind auth, SubscribeStyle.Mode mode, HeartbeatSpec.Pinger pinger,
        HeartbeatSpec.Liveness liveness, boolean wholeMarket, Breakage breakage) {

    /** What a deliberately broken fake gets wrong. */
    public enum Breakage {
        NONE,
        /** Each subscribe request names every symbol the session ever subscribed, ignoring the frame limit. */
        IGNORES_FRAME_LIMIT,
        /** The decoder throws on input it does not understand. */
        THROWS_IN_DECODE,
        /** Warnings about unknown frames quote the credential. */
        LEAKS_CREDENTIAL,
        /** Every close, the fatal one too, is classified as retryable. */
        RETRIES_FATAL_CLOSE,
        /** A handshake refused with HTTP 401 (the key refused) is retried. */
        RETRIES_REFUSED_KEY,
        /** Only heartbeats prove liveness, but the decoder never reports the server's pongs as heartbeats. */
        DEAF_TO_HEARTBEATS,
        /** Bad settings escape as IllegalArgumentException instead of SettingsException. */
        WRONG_SETTINGS_EXCEPTION,
        /** Symbols subscribed once are never subscribed again, not even on a new connection. */
        FORGETS_ON_RECONNECT,
        /** Does not declare SUBSCRIBE_ALL, yet lets {@code *} through to the wire. */
        LETS_WILDCARD_THROUGH,
        /** The data frame of a symbol decodes to an event of another symbol. */
        DECODES_WRONG_SYMBOL,
        /**
         * Serves candles too, from the same pushes as quotes, and sends the same subscribe again for the second topic
         * of a symbol (the TickAtlas bug of issue 16).
         */
        REPEATS_SHARED_SUBSCRIBE
    }

    /** Query-parameter auth, additive requests, client pings with any frame as liveness. */
    public static FakeOptions standard() {
        return new FakeOptions(AuthStyle.Kind.QUERY_PARAMETER, SubscribeStyle.Mode.ADDITIVE,
                HeartbeatSpec.Pinger.CLIENT, HeartbeatSpec.Liveness.ANY_FRAME, true, Breakage.NONE);
    }

    public FakeOptions broken(Breakage what) {
        return new FakeOptions(auth, mode, pinger, what == Breakage.DEAF_TO_HEARTBEATS
                ? HeartbeatSpec.Liveness.HEARTBEAT_ONLY : liveness,
                what == Breakage.LETS_WILDCARD_THROUGH ? false : wholeMarket, what);
    }
}
