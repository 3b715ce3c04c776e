package io.marketfeed.sink;

/** Helpers for sink tests, shared with the other sink modules through the test-jar. */
public final class SinkFixtures {

    private SinkFixtures() {
    }

    /** Opens {@code sink}, writes the batches and closes it again, also when a write fails: as the writer does. */
    public static void writeAll(Sink sink, EventBatch... batches) throws Exception {
        sink.open();
        try {
            for (EventBatch batch : batches) {
                sink.write(batch);
            }
        } finally {
            sink.close();
        }
    }
}
