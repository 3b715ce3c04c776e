package io.marketfeed.bench.throughput;

import io.marketfeed.bench.Serials;

/**
 * What one client received in one run.
 *
 * @param client its label in the table
 * @param serials the serials it received
 * @param stopped why waiting ended before every serial arrived; null when all arrived
 * @param note anything else worth a note (the runner's exit code, a failure)
 * @param bytesPerQuote bytes allocated per quote received on the runtime's own threads (read and control), NaN
 *     when not measured
 */
public record ClientResult(String client, Serials.Snapshot serials, String stopped, String note,
        double bytesPerQuote) {

    public ClientResult(String client, Serials.Snapshot serials, String stopped, String note) {
        this(client, serials, stopped, note, Double.NaN);
    }

    public double rate() {
        return serials == null ? 0 : serials.rate();
    }

    /** A client that could not run at all. */
    public static ClientResult failed(String client, long expected, String why) {
        return new ClientResult(client, new Serials(expected).snapshot(), why, null);
    }
}
