package io.marketfeed.runtime.record;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.runtime.FeedListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a recording ({@link FrameRecorder}) through the providers' own decoders and hands the events to listeners:
 * decode only, nothing connects. Each recorded connection attempt gets a fresh session from the provider's protocol
 * as configured now, is told of its socket's opening and of the requests it was asked for, in the recorded order,
 * and decodes each recorded message with its recorded receive time, so that the events are the ones the live feed
 * delivered. (The live feed also drops data for symbols a connection no longer wants, after an unsubscribe; a replay
 * delivers everything the decoders emit.) Control signals are counted, never acted on; see {@link ReplaySummary}.
 *
 * {@snippet :
 * ReplaySummary summary = Replay.builder()
 *         .provider("sahmk", protocol, SpiVersion.CURRENT)
 *         .listener(event -> System.out.println(event))
 *         .speed(ReplaySpeed.MAX)
 *         .build()
 *         .run(Path.of("recordings/today"));
 * }
 *
 * <p>Listeners are called on the thread that calls {@link #run}, in the recorded order; {@link FeedListener#onCaughtUp}
 * before each wait for the recorded pace and at the end. Files are read in name order; the time between two
 * recordings in one folder is not waited for.
 *
 * <p>Threading: {@link #run} once, on one thread; {@link #stop()} from any thread.
 */
public final class Replay {

    private final Map<String, ReplaySessions.Source> providers;
    private final List<FeedListener> listeners;
    private final ReplaySpeed speed;
    private final ReplayClock clock;
    private final Consumer<String> notices;
    private volatile boolean stopped;

    private Replay(Builder builder) {
        this.providers = Map.copyOf(builder.providers);
        this.listeners = List.copyOf(builder.listeners);
        this.speed = builder.speed;
        this.clock = builder.clock;
        this.notices = builder.notices;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The recording files in {@code directory}, in the order a replay reads them; empty when it holds none. */
    public static List<Path> files(Path directory) throws IOException {
        return RecordingReader.files(directory);
    }

    /**
     * Replays every recording file in {@code directory} and returns what happened.
     *
     * @throws IllegalArgumentException when it holds no recording file
     * @throws IOException when the folder or a file cannot be read at all
     */
    public ReplaySummary run(Path directory) throws IOException {
        List<Path> files = files(directory);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(directory + " holds no recording (no " + RecordFormat.PREFIX + "*"
                    + RecordFormat.SUFFIX + " files)");
        }
        long began = System.nanoTime();
        ReplayOutput out = new ReplayOutput(listeners, notices);
        ReplaySessions sessions = new ReplaySessions(providers, out);
        RecordEntry entry = new RecordEntry();
        Pace pace = new Pace();
        int[] fileWarnings = {0};
        RecordingReader reader = new RecordingReader(files, warning -> {
            fileWarnings[0]++;
            notices.accept(warning);
        });
        try (reader) {
            while (!stopped && reader.next(entry)) {
                if (!speed.isMax()) {
                    pace.keep(entry, out);
                }
                sessions.apply(entry);
            }
        } finally {
            out.caughtUp();
        }
        out.count(ReplaySummary.TORN_RECORDS, reader.torn());
        out.count(ReplaySummary.FILE_PROBLEMS, fileWarnings[0] - reader.torn());
        Map<String, Long> problems = new LinkedHashMap<>();
        out.problems().forEach((kind, count) -> {
            if (count > 0) {
                problems.put(kind, count);
            }
        });
        return new ReplaySummary(reader.filesRead(), sessions.frames(), sessions.opened(), out.events(),
                out.signals(), problems, speed, Duration.ofNanos(System.nanoTime() - began), stopped);
    }

    /** Ends a running replay after the record being replayed; the summary says it stopped early. */
    public void stop() {
        stopped = true;
    }

    /** Keeps the recorded spacing of records, scaled by the speed, from the first record of each recording. */
    private final class Pace {
        private static final long NOT_WORTH_WAITING = 1_000_000;
        private boolean started;
        private long recording;
        private long recordedStart;
        private long replayStart;

        void keep(RecordEntry entry, ReplayOutput out) {
            if (!started || entry.recording != recording) {
                started = true;
                recording = entry.recording;
                recordedStart = entry.time;
                replayStart = clock.nanoTime();
                return;
            }
            long due = replayStart + speed.scale(entry.time - recordedStart);
            if (due - clock.nanoTime() > NOT_WORTH_WAITING) {
                out.caughtUp();
                clock.waitUntil(due, () -> stopped);
            }
        }
    }

    /** Builds a {@link Replay}. Not thread safe. */
    public static final class Builder {
        private final Map<String, ReplaySessions.Source> providers = new LinkedHashMap<>();
        private final List<FeedListener> listeners = new ArrayList<>();
        private ReplaySpeed speed = ReplaySpeed.MAX;
        private ReplayClock clock = ReplayClock.system();
        private Consumer<String> notices = notice -> { };

        private Builder() {
        }

        /**
         * A provider whose recorded messages to decode, with the protocol its configuration builds now and the SPI
         * version it was built for (before 1.1, its sessions are given a copy of each message they may keep).
         */
        public Builder provider(String id, FeedProtocol protocol, String spiVersion) {
            requireNonNull(id, "id is null");
            if (providers.containsKey(id)) {
                throw new IllegalArgumentException("provider '" + id + "' is added twice");
            }
            providers.put(id, new ReplaySessions.Source(requireNonNull(protocol, "protocol is null"),
                    SpiVersion.atLeast(requireNonNull(spiVersion, "spiVersion is null"), 1, 1)));
            return this;
        }

        /** Gets every event, in the recorded order. */
        public Builder listener(FeedListener listener) {
            listeners.add(requireNonNull(listener, "listener is null"));
            return this;
        }

        /** {@link ReplaySpeed#MAX} by default. */
        public Builder speed(ReplaySpeed speed) {
            this.speed = requireNonNull(speed, "speed is null");
            return this;
        }

        /** The time the recorded pace is kept on; {@link ReplayClock#system()} by default. */
        public Builder clock(ReplayClock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * Told, one line each, what a person should know: damaged or torn files, holes in the recording, providers
         * the configuration does not enable, the decoders' distinct warnings.
         */
        public Builder notices(Consumer<String> notices) {
            this.notices = requireNonNull(notices, "notices is null");
            return this;
        }

        public Replay build() {
            return new Replay(this);
        }
    }
}
