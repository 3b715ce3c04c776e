package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * How a {@link ScriptedServer} answers a client's text message: when the message matches, the reply frames are
 * sent on the same connection, in order. The first rule that matches answers; a message no rule matches is only
 * recorded.
 *
 * {@snippet :
 * server.rule(Rule.matching("\"action\"\\s*:\\s*\"ping\"", "{\"type\":\"pong\"}"))
 *       .rule(Rule.when(text -> text.contains("\"subscribe\""), text -> List.of(ackFor(text))));
 * }
 *
 * <p>Replies are computed on a Jetty thread; the functions must be thread safe and must not block.
 */
public final class Rule {

    private final String description;
    private final Predicate<String> matches;
    private final Function<String, List<String>> replies;

    private Rule(String description, Predicate<String> matches, Function<String, List<String>> replies) {
        this.description = requireNonNull(description, "description is null");
        this.matches = requireNonNull(matches, "matches is null");
        this.replies = requireNonNull(replies, "replies is null");
    }

    /** Answers messages the predicate accepts with frames computed from the message (possibly none). */
    public static Rule when(Predicate<String> matches, Function<String, List<String>> replies) {
        return new Rule("when " + matches, matches, replies);
    }

    /** Answers every message with frames computed from it; a computed empty list sends nothing. */
    public static Rule always(Function<String, List<String>> replies) {
        return new Rule("always", text -> true, replies);
    }

    /** Answers messages in which {@code regex} is found with frames computed from the match. */
    public static Rule matching(String regex, Function<MatchResult, List<String>> replies) {
        Pattern pattern = Pattern.compile(regex);
        requireNonNull(replies, "replies is null");
        return new Rule("matching /" + regex + "/", text -> pattern.matcher(text).find(), text -> {
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? replies.apply(matcher.toMatchResult()) : List.of();
        });
    }

    /** Answers messages in which {@code regex} is found with fixed frames. */
    public static Rule matching(String regex, String... replies) {
        List<String> fixed = List.of(replies);
        return matching(regex, match -> fixed);
    }

    boolean matches(String text) {
        return matches.test(text);
    }

    List<String> replies(String text) {
        List<String> out = replies.apply(text);
        return out == null ? List.of() : out;
    }

    @Override
    public String toString() {
        return "Rule[" + description + "]";
    }
}
