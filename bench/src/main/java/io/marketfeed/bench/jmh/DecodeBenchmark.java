package io.marketfeed.bench.jmh;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.ProtocolSession;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One provider's {@link ProtocolSession#decode} of one pre-built frame per operation, events into a
 * {@link Blackhole}. Run from {@code bench/run --only jmh} (with {@code -prof gc} for bytes per frame), or by hand:
 * {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main DecodeBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {

    @Param({"sahmk-quote", "sahmk-trade", "tickatlas-quote", "alltick-trade", "alltick-depth", "screener-quote",
            "screener-batch"})
    public String frame;

    private ProtocolSession session;
    private InboundFrame inbound;
    private DecodeOutput out;

    @Setup
    public void setup(Blackhole blackhole) {
        DecodeFixtures.Fixture fixture = DecodeFixtures.get(frame);
        session = fixture.session().get();
        inbound = fixture.inbound();
        out = new BlackholeOutput(blackhole);
    }

    @Benchmark
    public void decode() {
        session.decode(inbound, out);
    }

    /** Consumes whatever the decoder reports. */
    static final class BlackholeOutput implements DecodeOutput {
        private final Blackhole blackhole;

        BlackholeOutput(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void emit(MarketEvent event) {
            blackhole.consume(event);
        }

        @Override
        public void ready() {
        }

        @Override
        public void limits(LimitsUpdate update) {
            blackhole.consume(update);
        }

        @Override
        public void acknowledged(String topic, List<String> symbols) {
            blackhole.consume(symbols);
        }

        @Override
        public void unsubscribed(String topic, List<String> symbols) {
            blackhole.consume(symbols);
        }

        @Override
        public void rejected(String topic, List<String> symbols, String reason) {
            blackhole.consume(reason);
        }

        @Override
        public void substitute(String topic, String symbol, List<String> replacements, String reason) {
            blackhole.consume(reason);
        }

        @Override
        public void heartbeat() {
        }

        @Override
        public void problem(Disposition disposition) {
            blackhole.consume(disposition);
        }

        @Override
        public void credits(CreditUpdate update) {
            blackhole.consume(update);
        }

        @Override
        public void lost(Instant from, String reason) {
            blackhole.consume(reason);
        }
    }
}
