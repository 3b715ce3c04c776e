package io.marketfeed.bench.sinks;

import io.marketfeed.sink.HoconSinkConfig;

/**
 * A store the sinks section writes to, started by the harness on loopback or in a temporary folder, and what it
 * holds afterwards. A store is divided into areas (a schema, a table prefix, a topic prefix, a file, a folder), one
 * per run, named by the caller, so that the runs of a section do not see each other's rows.
 *
 * <p>Used by the section's thread; {@link #close()} stops whatever the store started and deletes its data.
 */
interface Store extends AutoCloseable {

    /** The sink type, as in {@code type = ...}: sqlite, file, postgres, questdb, kafka. */
    String type();

    /** One line for the notes: what runs and how it is set up. */
    String describe();

    /** The sink block that writes into {@code area}. */
    HoconSinkConfig config(String area);

    /**
     * The events stored in {@code area} (rows, records, lines), once the store shows everything it acknowledged.
     */
    long count(String area) throws Exception;

    /** The bytes {@code area} takes on disk, or -1 when that is not meaningful for the store. */
    long bytes(String area) throws Exception;

    /** Anything else to say about what {@code area} holds (for the notes), or null. */
    default String remark(String area) throws Exception {
        return null;
    }

    @Override
    void close();
}
