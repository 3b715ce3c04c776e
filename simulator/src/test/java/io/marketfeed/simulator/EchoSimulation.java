package io.marketfeed.simulator;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A minimal second provider for hosting tests: echoes every text message on {@code /echo}. */
final class EchoSimulation extends AbstractSimulation {

    EchoSimulation() {
        super("echo", List.of("/echo"), Clock.systemUTC(), false, 100);
    }

    @Override
    protected Admission admit(String path, Map<String, String> parameters) {
        return new Admission(HandshakeOutcome.ACCEPTED, "", new ConnectionHandler() {
            @Override
            public void onOpen(SimulatedConnection connection) {
                connection.send("hello");
            }

            @Override
            public void onText(SimulatedConnection connection, String text) {
                connection.send(text);
            }
        });
    }
}
