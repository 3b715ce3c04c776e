package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * What the hosting {@link SimulatorServer} lends a simulation while it runs.
 *
 * @param scheduler a single-threaded scheduler shared by the server's simulations; tasks must be short and must
 *         not block, since they delay every other simulation's ticks
 * @param connectionIds source of connection ids, unique within the server so control commands can name one
 */
public record SimulationHost(ScheduledExecutorService scheduler, LongSupplier connectionIds) {

    public SimulationHost {
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(connectionIds, "connectionIds is null");
    }
}
