package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks requested subscriptions before anything is sent, collecting every problem. */
final class SymbolRules {

    private static final int MAX_LENGTH = 64;

    private SymbolRules() {
    }

    static List<String> problems(String provider, FeedProtocol protocol, String topic, List<String> symbols) {
        List<String> problems = new ArrayList<>();
        Set<String> topics = new TreeSet<>();
        for (Endpoint endpoint : protocol.endpoints()) {
            topics.addAll(endpoint.topics());
        }
        if (topic == null || !topics.contains(topic)) {
            problems.add("topic '" + topic + "' is not served by " + provider + " as configured; it serves " + topics);
            return problems;
        }
        if (symbols == null || symbols.isEmpty()) {
            problems.add("no symbols given");
            return problems;
        }
        for (int index = 0; index < symbols.size(); index++) {
            String symbol = symbols.get(index);
            String problem = problem(symbol);
            if (problem == null) {
                problem = protocol.symbolProblem(new Subscription(topic, symbol)).orElse(null);
            }
            if (problem != null) {
                problems.add("symbol #" + (index + 1) + (symbol == null ? "" : " '" + printable(symbol) + "'") + ": "
                        + problem);
            }
        }
        return problems;
    }

    /**
     * Whether a symbol a server named could be one we asked for: one that could not (over 64 characters, white
     * space, control characters) is never echoed whole, nor sent back in an unsubscribe request.
     */
    static boolean isSane(String symbol) {
        return problem(symbol) == null;
    }

    /** A symbol a server named, as it may be quoted: itself when sane, otherwise escaped and cut to 64 characters. */
    static String quotable(String symbol, SecretMask secrets) {
        return isSane(symbol) ? symbol : OutsideText.clean(symbol, secrets, MAX_LENGTH);
    }

    private static String problem(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            return "is empty";
        }
        if (symbol.isBlank()) {
            return "is blank";
        }
        if (symbol.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "contains white space or a control character";
            }
        }
        return null;
    }

    private static String printable(String symbol) {
        StringBuilder out = new StringBuilder();
        for (char c : symbol.toCharArray()) {
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
