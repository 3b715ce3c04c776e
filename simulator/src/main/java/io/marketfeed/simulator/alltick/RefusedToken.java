package io.marketfeed.simulator.alltick;

import io.marketfeed.simulator.ConnectionHandler;
import io.marketfeed.simulator.SimulatedConnection;

/**
 * A connection whose token is unknown or expired. The upgrade is accepted; the server answers with
 * {@code 401 token invalid} at once and to every request, and closes the connection after
 * {@link AlltickOptions#authCloseDelay()}. (AllTick does not document where a WebSocket 401 appears; its HTTP
 * gateway answers {@code {"msg":"token is required","ret":401}}.) The delay lets a client read the 401 before the
 * close, as a real network usually does.
 */
final class RefusedToken implements ConnectionHandler {

    private final AlltickSimulation simulation;

    RefusedToken(AlltickSimulation simulation) {
        this.simulation = simulation;
    }

    @Override
    public void onOpen(SimulatedConnection connection) {
        simulation.refused(connection, Refusal.Kind.TOKEN, 0, 401, "unknown or expired token");
        connection.send(AlltickMessages.unsolicited(401, AlltickMessages.text(401)));
        simulation.later(simulation.options().authCloseDelay(), () -> connection.close(1008, "token invalid"));
    }

    @Override
    public void onText(SimulatedConnection connection, String text) {
        AlltickSession.Envelope request = AlltickSession.Envelope.parse(text);
        if (request != null) {
            connection.send(AlltickMessages.response(401, request.cmdId(), request.seqId(), request.trace()));
        }
    }
}
