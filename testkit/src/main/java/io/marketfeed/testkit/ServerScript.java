package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link ScriptedServer} answers: the frames a new connection is sent on open, the rules that answer client
 * messages, and whether upgrades are refused (with which HTTP status and body). What a script throws is caught
 * and kept, so that a script bug never closes a connection the client would then see fail.
 *
 * <p>Thread safe: configured from any thread, read on the host's threads; a change applies to what happens after
 * it.
 */
final class ServerScript {

    private static final Logger LOG = LoggerFactory.getLogger(ServerScript.class);

    /** How a refused upgrade is answered. */
    record Refusal(int status, String body) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private volatile Function<Handshake, List<String>> openFrames = handshake -> List.of();
    /** Null while accepting. */
    private volatile Refusal refusal;

    /** Frames every new connection is sent as soon as it opens, computed from its handshake. */
    void onOpen(Function<Handshake, List<String>> frames) {
        this.openFrames = requireNonNull(frames, "frames is null");
    }

    /** Adds a rule after the existing ones. */
    void add(Rule rule) {
        rules.add(requireNonNull(rule, "rule is null"));
    }

    void clearRules() {
        rules.clear();
    }

    /** Refuses every upgrade from now on with this HTTP status and body. */
    void refuse(int httpStatus, String body) {
        if (httpStatus < 300 || httpStatus > 599) {
            throw new IllegalArgumentException("a refusal needs an HTTP status from 300 to 599, got " + httpStatus);
        }
        refusal = new Refusal(httpStatus, requireNonNull(body, "body is null"));
    }

    void accept() {
        refusal = null;
    }

    /** How an upgrade is answered now: empty while accepting. */
    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The frames a connection is sent as it opens; none when the script threw. */
    List<String> openFrames(ScriptedConnection connection) {
        try {
            List<String> frames = openFrames.apply(connection.handshake());
            return frames == null ? List.of() : frames;
        } catch (RuntimeException e) {
            failed(e, "the frames on open of " + connection);
            return List.of();
        }
    }

    /** The replies of the first rule that matches a client message; none when no rule matches or one threw. */
    List<String> answer(String text) {
        for (Rule rule : rules) {
            try {
                if (rule.matches(text)) {
                    return rule.replies(text);
                }
            } catch (RuntimeException e) {
                failed(e, rule + " on " + text);
                return List.of();
            }
        }
        return List.of();
    }

    /** What rules and open-frame functions threw, in order. */
    List<Throwable> errors() {
        return List.copyOf(errors);
    }

    private void failed(RuntimeException e, String where) {
        LOG.warn("scripted server: a script threw for {}", where, e);
        errors.add(new IllegalStateException("script failed for " + where + ": " + e, e));
        Await.signal();
    }
}
