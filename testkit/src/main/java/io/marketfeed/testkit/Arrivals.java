package io.marketfeed.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@link ScriptedServer}'s host ({@link JettyHost}, {@link VirtualHost}) hands over what arrives: an upgrade
 * request is refused or accepted as the {@link ServerScript} says and recorded in the {@link ServerLog}; an opened
 * connection is sent the frames on open; a client message is answered by the rules (unless its connection is
 * stalled) and then recorded, so that whoever sees it recorded sees it answered.
 *
 * <p>Thread safe; called on the host's threads.
 */
final class Arrivals {

    private final ServerScript script;
    private final ServerLog log;

    Arrivals(ServerScript script, ServerLog log) {
        this.script = script;
        this.log = log;
    }

    /** How an upgrade is answered now: empty while accepting. */
    Optional<ServerScript.Refusal> refusal() {
        return script.refusal();
    }

    /** An upgrade request refused with {@code status}. */
    void refused(Instant at, String path, String query, Map<String, List<String>> headers, int status) {
        log.refused(at, path, query, headers, status);
    }

    /** An accepted upgrade request: its connection, which opens when the host calls {@link #opened}. */
    ScriptedConnection accepted(Instant at, String path, String query, Map<String, List<String>> headers) {
        return log.accepted(at, path, query, headers);
    }

    /** The connection opened on {@code wire}: it is sent the frames on open. */
    void opened(ScriptedConnection connection, Wire wire) {
        connection.opened(wire);
        script.openFrames(connection).forEach(connection::send);
    }

    /** A client message: answered by the rules (unless stalled), then recorded. */
    void received(ScriptedConnection connection, String text, boolean binary, Instant at) {
        // Replies are queued before the message is recorded: whoever sees it recorded sees it answered.
        if (!binary && !connection.isStalled()) {
            script.answer(text).forEach(connection::send);
        }
        connection.record(text, binary, at);
    }
}
