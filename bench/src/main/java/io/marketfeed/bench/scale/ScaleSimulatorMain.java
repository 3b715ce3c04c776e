package io.marketfeed.bench.scale;

import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.sahmk.Plan;
import io.marketfeed.simulator.sahmk.PlanLimits;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The scale section's server, in a JVM of its own so that the harness's heap and thread counts are the runtime's
 * alone: a {@link SimulatorServer} with one {@link SahmkSimulation} on a free loopback port, a universe of
 * {@code symbols} codes, no market updates (the connections stay idle) and limits of one symbol per connection and
 * per call, announced in {@code connected}. Prints {@code PORT <n>} when ready and runs until its stdin closes (the
 * harness ends, whatever way), so it never outlives the harness.
 */
public final class ScaleSimulatorMain {

    private ScaleSimulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        int symbols = Integer.parseInt(args[0]);
        SahmkOptions.Builder options = SahmkOptions.builder().universeSize(symbols).updatesPerSecond(0).seed(1);
        for (Plan plan : Plan.values()) {
            options.planLimits(plan, new PlanLimits(1, 1, false));
        }
        SahmkSimulation simulation = new SahmkSimulation(options.build());
        try (SimulatorServer server = SimulatorServer.builder().port(0).idleTimeout(Duration.ofMinutes(30))
                .add(simulation).start()) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("status")) {
                    System.out.println("OPEN " + simulation.observation().openConnections());
                    System.out.flush();
                } else if (line.equals("stop")) {
                    break;
                }
            }
        }
    }
}
