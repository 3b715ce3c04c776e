package io.marketfeed.testkit;

import static io.marketfeed.testkit.ConformanceFixture.WAIT;

import io.marketfeed.testkit.ProtocolScript.Request;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The client's messages on the scripted server's connections, read the way the script reads them: the requests in
 * order, the other messages, waiting until requests name given symbols, and control frames repeated on a
 * connection. Failure messages mask the credential.
 *
 * <p>Not thread safe: one per case, used from the test thread (the connections it reads are thread safe).
 */
final class ClientRequests {

    private final ProviderFacts facts;
    private final EventRecorder events;
    private final Supplier<Waiter> waiter;

    /** @param waiter how the case waits; asked for only when a wait starts */
    ClientRequests(ProviderFacts facts, EventRecorder events, Supplier<Waiter> waiter) {
        this.facts = facts;
        this.events = events;
        this.waiter = waiter;
    }

    /** The client's requests on a connection, read by the script, in order. */
    List<Request> on(ScriptedConnection connection) {
        List<Request> out = new ArrayList<>();
        for (ReceivedFrame frame : connection.received()) {
            if (!frame.binary()) {
                facts.script().request(frame.text()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The client's requests of one kind on a connection, in order. */
    List<Request> on(ScriptedConnection connection, Request.Kind kind) {
        List<Request> out = new ArrayList<>();
        for (Request request : on(connection)) {
            if (request.kind() == kind) {
                out.add(request);
            }
        }
        return out;
    }

    /** The requests on every one of {@code connections}. */
    List<Request> onAll(List<ScriptedConnection> connections) {
        List<Request> out = new ArrayList<>();
        connections.forEach(connection -> out.addAll(on(connection)));
        return out;
    }

    /** The client messages on a connection that the script does not read as requests. */
    List<String> otherFrames(ScriptedConnection connection) {
        List<String> out = new ArrayList<>();
        for (ReceivedFrame frame : connection.received()) {
            if (frame.binary() || facts.script().request(frame.text()).isEmpty()) {
                out.add(frame.text());
            }
        }
        return out;
    }

    /**
     * Waits until subscribe requests on the connection name every symbol: with additive semantics across
     * requests, with replace semantics in one request.
     */
    void awaitSubscribed(ScriptedConnection connection, Collection<String> symbols) {
        Set<String> wanted = new TreeSet<>(symbols);
        waiter.get().until(() -> subscribed(connection, wanted), WAIT,
                () -> "connection #" + connection.id() + " did not send subscribe requests naming " + wanted
                        + " within " + WAIT.toMillis() + " ms. Requests as ProtocolScript.request() reads them: "
                        + on(connection) + "; client messages: " + shorten(connection.receivedTexts())
                        + "; events: " + events.tail(10));
    }

    private boolean subscribed(ScriptedConnection connection, Set<String> wanted) {
        List<Request> subscribes = on(connection, Request.Kind.SUBSCRIBE);
        if (facts.replaceSemantics()) {
            return subscribes.stream().anyMatch(request -> request.symbols().containsAll(wanted));
        }
        Set<String> named = new HashSet<>();
        subscribes.forEach(request -> named.addAll(request.symbols()));
        return named.containsAll(wanted);
    }

    /**
     * Control frames sent more than once on a connection with nothing in between that explains it, described for
     * a failure message (credential masked). A control frame is a request the script reads (subscribe or
     * unsubscribe), or the first-message auth; heartbeats and other frames repeat by design and are not checked.
     * A repeated request is explained by a different request in between that names one of its symbols (an
     * unsubscribe before subscribing again, a replace-all list that changed and changed back); a repeated auth
     * message never is. A reconnect starts a new connection, which may send everything again.
     */
    List<String> unexplainedRepeats(ScriptedConnection connection, boolean firstMessageAuth) {
        List<String> texts = new ArrayList<>();
        for (ReceivedFrame frame : connection.received()) {
            if (!frame.binary()) {
                texts.add(frame.text());
            }
        }
        List<String> out = new ArrayList<>();
        if (firstMessageAuth && !texts.isEmpty()) {
            String auth = texts.get(0);
            long times = texts.stream().filter(auth::equals).count();
            if (times > 1) {
                out.add("the auth message was sent " + times + " times");
            }
        }
        Map<String, Integer> lastSeen = new LinkedHashMap<>();
        List<Optional<Request>> requests = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Optional<Request> request = facts.script().request(texts.get(i));
            requests.add(request);
            if (request.isEmpty()) {
                continue;
            }
            Integer before = lastSeen.put(texts.get(i), i);
            if (before != null && !explained(requests, before, i)) {
                String text = texts.get(i).length() > 200 ? texts.get(i).substring(0, 200) + "…" : texts.get(i);
                out.add("message " + (i + 1) + " is message " + (before + 1) + " again (" + request.get().kind()
                        .name().toLowerCase(Locale.ROOT) + " " + request.get().symbols() + "): "
                        + text.replace(facts.credential(), "<CREDENTIAL>"));
            }
        }
        return out;
    }

    private static boolean explained(List<Optional<Request>> requests, int from, int to) {
        Request repeated = requests.get(to).orElseThrow();
        for (int i = from + 1; i < to; i++) {
            Optional<Request> between = requests.get(i);
            if (between.isPresent() && !between.get().equals(repeated)
                    && between.get().symbols().stream().anyMatch(repeated.symbols()::contains)) {
                return true;
            }
        }
        return false;
    }

    /** How often each symbol is named by subscribe requests on a connection; only those named more than once. */
    Map<String, Integer> repeated(ScriptedConnection connection) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Request request : on(connection, Request.Kind.SUBSCRIBE)) {
            request.symbols().forEach(symbol -> counts.merge(symbol, 1, Integer::sum));
        }
        counts.values().removeIf(count -> count == 1);
        return counts;
    }

    /** The first twenty client messages, each cut at 200 characters, for a failure message. */
    static String shorten(List<String> texts) {
        List<String> shown = new ArrayList<>();
        for (String text : texts.subList(0, Math.min(20, texts.size()))) {
            shown.add(text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
        return shown + (texts.size() > 20 ? " and " + (texts.size() - 20) + " more" : "");
    }
}
