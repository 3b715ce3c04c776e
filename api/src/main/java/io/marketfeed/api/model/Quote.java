package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.protocol.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest price of a symbol. Immutable; equal when every component is equal (decimals compared as
 * {@link BigDecimal#equals} does, so {@code 32.5} and {@code 32.50} differ).
 *
 * <p>The ten decimals are stored compactly (see {@link DecimalFields}): a quote costs one object and one
 * small array, and each accessor returns a new {@code BigDecimal} with the exact value received. Sinks that
 * write at high rates read them through {@link DecimalFields} instead, without allocating.
 */
public final class Quote implements MarketEvent, MarketDataEvent, DecimalFields {

    /** The decimal fields, in {@link DecimalFields} order. */
    public enum Field {
        PRICE("price"), CHANGE("change"), CHANGE_PERCENT("changePercent"), VOLUME("volume"), BID("bid"), ASK("ask"),
        OPEN("open"), HIGH("high"), LOW("low"), PREVIOUS_CLOSE("previousClose");

        private static final Field[] ALL = values();
        private final String accessor;

        Field(String accessor) {
            this.accessor = accessor;
        }

        /** The accessor's name, which is also the field's name in the jsonl output. */
        public String accessor() {
            return accessor;
        }
    }

    private static final int COUNT = Field.ALL.length;
    private static final long ALL_ABSENT = PackedDecimals.allAbsent(COUNT);

    private final String provider;
    private final String symbol;
    private final long[] unscaled;
    private final long codes;
    private final BigDecimal[] big;
    private final Instant time;
    private final Instant receivedAt;

    /**
     * @param provider provider id
     * @param symbol provider symbol
     * @param price last price; nullable when the provider sent only bid/ask
     * @param change absolute change against the previous close; nullable
     * @param changePercent change in percent (0.7 means 0.7 %); nullable
     * @param volume traded volume of the session; nullable
     * @param bid best bid; nullable
     * @param ask best ask; nullable
     * @param open session open; nullable
     * @param high session high; nullable
     * @param low session low; nullable
     * @param previousClose previous close; nullable
     * @param time the provider's timestamp; nullable
     * @param receivedAt local receive time
     */
    public Quote(String provider, String symbol, BigDecimal price, BigDecimal change, BigDecimal changePercent,
            BigDecimal volume, BigDecimal bid, BigDecimal ask, BigDecimal open, BigDecimal high, BigDecimal low,
            BigDecimal previousClose, Instant time, Instant receivedAt) {
        this(builder(provider, symbol, receivedAt).price(price).change(change).changePercent(changePercent)
                .volume(volume).bid(bid).ask(ask).open(open).high(high).low(low).previousClose(previousClose)
                .time(time));
    }

    private Quote(Builder builder) {
        this.provider = requireNonNull(builder.provider, "provider is null");
        this.symbol = requireNonNull(builder.symbol, "symbol is null");
        this.receivedAt = requireNonNull(builder.receivedAt, "receivedAt is null");
        this.unscaled = builder.unscaled.clone();
        this.codes = builder.codes;
        this.big = builder.big[0] == null ? null : builder.big[0].clone();
        this.time = builder.time;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    /** Last price; null when the provider sent only bid/ask. */
    public BigDecimal price() {
        return decimal(0);
    }

    /** Absolute change against the previous close; nullable. */
    public BigDecimal change() {
        return decimal(1);
    }

    /** Change in percent (0.7 means 0.7 %); nullable. */
    public BigDecimal changePercent() {
        return decimal(2);
    }

    /** Traded volume of the session; nullable. */
    public BigDecimal volume() {
        return decimal(3);
    }

    /** Best bid; nullable. */
    public BigDecimal bid() {
        return decimal(4);
    }

    /** Best ask; nullable. */
    public BigDecimal ask() {
        return decimal(5);
    }

    /** Session open; nullable. */
    public BigDecimal open() {
        return decimal(6);
    }

    /** Session high; nullable. */
    public BigDecimal high() {
        return decimal(7);
    }

    /** Session low; nullable. */
    public BigDecimal low() {
        return decimal(8);
    }

    /** Previous close; nullable. */
    public BigDecimal previousClose() {
        return decimal(9);
    }

    /** The provider's timestamp; nullable. */
    public Instant time() {
        return time;
    }

    @Override
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public String type() {
        return "quote";
    }

    @Override
    public String topic() {
        return Topics.QUOTES;
    }

    @Override
    public int decimalCount() {
        return COUNT;
    }

    @Override
    public String decimalName(int field) {
        return Field.ALL[field].accessor;
    }

    @Override
    public boolean hasDecimal(int field) {
        return PackedDecimals.code(codes, field) != PackedDecimals.ABSENT;
    }

    @Override
    public boolean isCompact(int field) {
        return PackedDecimals.code(codes, field) < PackedDecimals.ABSENT;
    }

    @Override
    public long unscaled(int field) {
        return unscaled[field];
    }

    @Override
    public int scale(int field) {
        int code = PackedDecimals.code(codes, field);
        return code < PackedDecimals.ABSENT ? code : 0;
    }

    @Override
    public BigDecimal decimal(int field) {
        return PackedDecimals.value(unscaled, codes, big, field);
    }

    /** The value of a field; null when absent. */
    public BigDecimal get(Field field) {
        return decimal(field.ordinal());
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Quote)) {
            return false;
        }
        Quote that = (Quote) other;
        return provider.equals(that.provider) && symbol.equals(that.symbol)
                && PackedDecimals.equal(unscaled, codes, big, that.unscaled, that.codes, that.big)
                && Objects.equals(time, that.time) && receivedAt.equals(that.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, symbol, PackedDecimals.hash(unscaled, codes, big), time, receivedAt);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(160).append("Quote[provider=").append(provider).append(", symbol=")
                .append(symbol);
        for (Field field : Field.ALL) {
            text.append(", ").append(field.accessor).append('=').append(get(field));
        }
        return text.append(", time=").append(time).append(", receivedAt=").append(receivedAt).append(']').toString();
    }

    /** A builder for one quote. */
    public static Builder builder(String provider, String symbol, Instant receivedAt) {
        return new Builder(provider).symbol(symbol).receivedAt(receivedAt);
    }

    /**
     * A builder for many quotes of one provider, reused from one to the next with {@link Builder#clear()}: a
     * decoder keeps one per connection, so that each quote allocates only itself.
     */
    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /** Builds quotes from the few fields a provider happens to send. Not thread safe. */
    public static final class Builder {
        private final String provider;
        private String symbol;
        private Instant receivedAt;
        private final long[] unscaled = new long[COUNT];
        private long codes = ALL_ABSENT;
        /** One cell: the side array for values that are not compact, created when the first one comes. */
        private final BigDecimal[][] big = new BigDecimal[1][];
        private Instant time;

        private Builder(String provider) {
            this.provider = provider;
        }

        /** Forgets every value (the provider stays), for the next quote. */
        public Builder clear() {
            symbol = null;
            receivedAt = null;
            time = null;
            java.util.Arrays.fill(unscaled, 0);
            codes = ALL_ABSENT;
            if (big[0] != null) {
                java.util.Arrays.fill(big[0], null);
            }
            return this;
        }

        public Builder symbol(String value) { this.symbol = value; return this; }
        public Builder receivedAt(Instant value) { this.receivedAt = value; return this; }
        public Builder price(BigDecimal value) { return set(Field.PRICE, value); }
        public Builder change(BigDecimal value) { return set(Field.CHANGE, value); }
        public Builder changePercent(BigDecimal value) { return set(Field.CHANGE_PERCENT, value); }
        public Builder volume(BigDecimal value) { return set(Field.VOLUME, value); }
        public Builder bid(BigDecimal value) { return set(Field.BID, value); }
        public Builder ask(BigDecimal value) { return set(Field.ASK, value); }
        public Builder open(BigDecimal value) { return set(Field.OPEN, value); }
        public Builder high(BigDecimal value) { return set(Field.HIGH, value); }
        public Builder low(BigDecimal value) { return set(Field.LOW, value); }
        public Builder previousClose(BigDecimal value) { return set(Field.PREVIOUS_CLOSE, value); }
        public Builder time(Instant value) { this.time = value; return this; }

        /** Sets a field; null makes it absent. */
        public Builder set(Field field, BigDecimal value) {
            codes = PackedDecimals.set(unscaled, codes, big, field.ordinal(), value);
            return this;
        }

        /**
         * Sets a field to {@code unscaled × 10^-scale} without allocating when the scale is 0 to
         * {@value DecimalFields#MAX_COMPACT_SCALE} (a decoder's fast path); any other scale works too.
         */
        public Builder set(Field field, long unscaledValue, int scale) {
            if (scale < 0 || scale > MAX_COMPACT_SCALE) {
                return set(field, BigDecimal.valueOf(unscaledValue, scale));
            }
            int index = field.ordinal();
            unscaled[index] = unscaledValue;
            codes = PackedDecimals.withCode(codes, index, scale);
            if (big[0] != null) {
                big[0][index] = null;
            }
            return this;
        }

        /** Whether a field has a value. */
        public boolean has(Field field) {
            return PackedDecimals.code(codes, field.ordinal()) != PackedDecimals.ABSENT;
        }

        /** A new quote with the values set so far; the builder keeps them. */
        public Quote build() {
            return new Quote(this);
        }
    }
}
