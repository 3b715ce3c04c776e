package io.marketfeed.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketfeed.simulator.ControlRequest.ControlException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /control/*}: the HTTP face of {@link FaultControl} and {@link Observation}, on the same port as the
 * WebSockets. {@code GET /control/status}; every other action is a {@code POST} with query parameters, answered
 * with JSON. {@code simulation=NAME} narrows an action to one simulation (default: all); {@code connection=ID}
 * narrows a connection fault to one connection.
 */
final class ControlHandler extends Handler.Abstract.NonBlocking {

    static final String PREFIX = "/control/";
    private static final List<String> ACTIONS = List.of("status", "drop", "stall", "resume", "close", "malformed",
            "ghost", "refuse", "accept", "limits", "reset", "slow-read", "read", "partial", "whole");
    private static final int DEFAULT_PIECE_CHARS = 16;
    private static final Duration DEFAULT_PIECE_PAUSE = Duration.ofMillis(10);

    private final List<Simulation> simulations;

    ControlHandler(List<Simulation> simulations) {
        this.simulations = List.copyOf(simulations);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String action = path.substring(PREFIX.length());
        ObjectNode body;
        int status = 200;
        try {
            ControlRequest parameters = new ControlRequest(action, Request.extractQueryParameters(request));
            requireMethod(action, request.getMethod());
            body = dispatch(action, parameters);
        } catch (ControlException e) {
            status = e.status();
            body = error(e.getMessage());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            status = 400;
            body = error(e.getMessage());
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, body.toString() + "\n", callback);
        return true;
    }

    private static void requireMethod(String action, String method) {
        if (!ACTIONS.contains(action)) {
            throw new ControlException(404, "unknown control action '" + action + "'; known: "
                    + String.join(", ", ACTIONS));
        }
        String expected = action.equals("status") ? HttpMethod.GET.asString() : HttpMethod.POST.asString();
        if (!expected.equals(method)) {
            throw new ControlException(405, "/control/" + action + " takes " + expected + ", not " + method);
        }
    }

    private ObjectNode dispatch(String action, ControlRequest request) {
        return switch (action) {
            case "status" -> status(request.allow());
            case "drop" -> drop(request.allow("connection", "close-frame", "code"));
            case "stall" -> stall(request.allow("connection", "seconds"));
            case "resume" -> affected(action, request.allow("connection"), faults -> faults.resume(request.target()));
            case "close" -> close(request.allow("connection", "code", "reason"));
            case "malformed" -> affected(action, request.allow("connection", "count"),
                    faults -> faults.sendMalformed(request.target(), request.integer("count", 1)));
            case "ghost" -> ghost(request.allow("connection", "symbol", "count"));
            case "refuse" -> refuse(request.allow("seconds"));
            case "accept" -> settled(action, request.allow(), FaultControl::acceptConnections);
            case "limits" -> limits(request.allow("per-connection", "per-call", "announce", "clear"));
            case "reset" -> settled(action, request.allow(), FaultControl::reset);
            case "slow-read" -> slowRead(request.allow("connection", "seconds", "delay"));
            case "read" -> affected(action, request.allow("connection"),
                    faults -> faults.resumeReading(request.target()));
            case "partial" -> partial(request.allow("connection", "seconds", "piece", "pause"));
            case "whole" -> affected(action, request.allow("connection"),
                    faults -> faults.wholeFrames(request.target()));
            default -> throw new IllegalStateException(action);
        };
    }

    private ObjectNode status(ControlRequest request) {
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("simulations");
        selected(request).forEach(simulation -> list.add(simulation.status()));
        return body;
    }

    private ObjectNode drop(ControlRequest request) {
        boolean closeFrame = request.bool("close-frame", true);
        int code = request.integer("code", 1001);
        return affected("drop", request, faults -> faults.drop(request.target(), closeFrame, code));
    }

    private ObjectNode stall(ControlRequest request) {
        Optional<Duration> duration = request.seconds("seconds");
        return affected("stall", request, faults -> duration.isPresent()
                ? faults.stall(request.target(), duration.get())
                : faults.stall(request.target()));
    }

    /** Without {@code delay}: stop reading; with it, one message per delay (seconds). */
    private ObjectNode slowRead(ControlRequest request) {
        Duration delay = request.seconds("delay").orElse(Duration.ZERO);
        Duration duration = request.seconds("seconds").orElse(null);
        return affected("slow-read", request, faults -> faults.slowReading(request.target(), delay, duration));
    }

    private ObjectNode partial(ControlRequest request) {
        int piece = request.integer("piece", DEFAULT_PIECE_CHARS);
        Duration pause = request.seconds("pause").orElse(DEFAULT_PIECE_PAUSE);
        Duration duration = request.seconds("seconds").orElse(null);
        return affected("partial", request, faults -> faults.partialFrames(request.target(), piece, pause, duration));
    }

    private ObjectNode close(ControlRequest request) {
        int code = request.integer("code").orElseThrow(
                () -> new ControlException(400, "/control/close needs parameter 'code'"));
        String reason = request.text("reason").orElse(CloseCodes.defaultReason(code));
        return affected("close", request, faults -> faults.close(request.target(), code, reason));
    }

    private ObjectNode ghost(ControlRequest request) {
        String symbol = request.requiredText("symbol");
        int count = request.integer("count", 1);
        return affected("ghost", request, faults -> faults.pushGhost(request.target(), symbol, count));
    }

    private ObjectNode refuse(ControlRequest request) {
        Optional<Duration> duration = request.seconds("seconds");
        ObjectNode body = settled("refuse", request, faults -> duration.ifPresentOrElse(faults::refuse, faults::refuse));
        duration.ifPresent(value -> body.put("seconds", value.toMillis() / 1000.0));
        return body;
    }

    private ObjectNode limits(ControlRequest request) {
        if (request.bool("clear", false)) {
            return settled("limits", request, FaultControl::clearLimits);
        }
        OptionalInt perConnection = request.integer("per-connection");
        OptionalInt perCall = request.integer("per-call");
        boolean announce = request.bool("announce", false);
        ObjectNode body = settled("limits", request, faults -> faults.setLimits(perConnection, perCall, announce));
        perConnection.ifPresent(value -> body.put("per_connection", value));
        perCall.ifPresent(value -> body.put("per_call", value));
        body.put("announce", announce);
        return body;
    }

    /** Runs a connection fault on each selected simulation and reports how many connections it touched. */
    private ObjectNode affected(String action, ControlRequest request, ToIntFunction<FaultControl> fault) {
        Target target = request.target();
        int total = 0;
        for (Simulation simulation : selected(request)) {
            total += fault.applyAsInt(simulation.faults());
        }
        if (!target.isAll() && total == 0 && !List.of("resume", "read", "whole").contains(action)) {
            throw new ControlException(404, "no open " + target + "; see /control/status");
        }
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        body.put("action", action);
        body.put("affected", total);
        return body;
    }

    /** Runs a simulation-level fault on each selected simulation. */
    private ObjectNode settled(String action, ControlRequest request, Consumer<FaultControl> fault) {
        List<Simulation> selected = selected(request);
        selected.forEach(simulation -> fault.accept(simulation.faults()));
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        body.put("action", action);
        ArrayNode names = body.putArray("simulations");
        selected.forEach(simulation -> names.add(simulation.name()));
        return body;
    }

    private List<Simulation> selected(ControlRequest request) {
        Optional<String> name = request.text("simulation");
        if (name.isEmpty()) {
            return simulations;
        }
        return simulations.stream().filter(simulation -> simulation.name().equals(name.get())).findFirst()
                .map(List::of)
                .orElseThrow(() -> new ControlException(400, "unknown simulation '" + name.get() + "'; running: "
                        + String.join(", ", simulations.stream().map(Simulation::name).toList())));
    }

    private static ObjectNode error(String message) {
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        body.put("error", message == null ? "bad request" : message);
        return body;
    }
}
