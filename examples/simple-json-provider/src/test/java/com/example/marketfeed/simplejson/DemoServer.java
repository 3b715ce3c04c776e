package com.example.marketfeed.simplejson;

import io.marketfeed.testkit.Rule;
import io.marketfeed.testkit.ScriptJson;
import io.marketfeed.testkit.ScriptedConnection;
import io.marketfeed.testkit.ScriptedServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server speaking the simplejson protocol with made-up prices, for trying the plugin in the real
 * runner ({@code examples/test-plugin.sh} uses it). It answers requests as {@link SimplejsonScript} does
 * (acknowledgements, per-symbol errors for malformed symbols, pongs), and every 100 ms pushes a ticker and a
 * trade for each symbol each connection has subscribed to on those channels. A connection without the
 * expected {@code X-API-Key} is closed with 4001: the key is {@code SIMPLEJSON_API_KEY} from the environment
 * when set, otherwise any non-blank key.
 *
 * <p>Usage: {@code DemoServer [0]}. It listens on 127.0.0.1 and a free port, prints {@code PORT=<n>} on one
 * line of stdout, and runs until killed. The conformance kit's {@link ScriptedServer} always binds a free
 * port, so 0 is the only port accepted.
 */
public final class DemoServer {

    private static final BigDecimal SPREAD = new BigDecimal("0.1");

    private final ScriptedServer server;
    private final String expectedKey;
    private final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();
    private final AtomicLong ticks = new AtomicLong();

    private DemoServer(ScriptedServer server, String expectedKey) {
        this.server = server;
        this.expectedKey = expectedKey;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 1 || args.length == 1 && !args[0].equals("0")) {
            System.err.println("usage: DemoServer [0]   (it always picks a free port, and prints PORT=<n>)");
            System.exit(2);
        }
        String key = System.getenv("SIMPLEJSON_API_KEY");
        ScriptedServer server = ScriptedServer.start();
        server.rule(Rule.always(new SimplejsonScript()::reply));
        DemoServer demo = new DemoServer(server, key == null || key.isBlank() ? null : key);
        ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();
        pusher.scheduleAtFixedRate(demo::pushAll, 100, 100, TimeUnit.MILLISECONDS);
        System.out.println("PORT=" + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    private void pushAll() {
        try {
            long tick = ticks.incrementAndGet();
            for (ScriptedConnection connection : server.openConnections()) {
                String key = connection.handshake().header(SimplejsonProtocol.API_KEY_HEADER).orElse("");
                if (key.isBlank() || expectedKey != null && !expectedKey.equals(key)) {
                    connection.close(SimplejsonDispositions.CLOSE_INVALID_KEY, "invalid api key");
                } else {
                    push(connection, tick);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();   // and keep pushing: an exception would end the scheduled task
        }
    }

    /** Replays what the connection asked for, then sends one frame per subscribed symbol and channel. */
    private void push(ScriptedConnection connection, long tick) {
        Set<String> tickers = new LinkedHashSet<>();
        Set<String> trades = new LinkedHashSet<>();
        for (String request : connection.receivedTexts()) {
            String channel = ScriptJson.string(request, "channel").orElse("");
            Set<String> symbols = channel.equals("ticker") ? tickers : channel.equals("trade") ? trades : null;
            String op = ScriptJson.string(request, "op").orElse("");
            if (symbols != null && op.equals("subscribe")) {
                symbols.addAll(ScriptJson.stringArray(request, "args"));
            } else if (symbols != null && op.equals("unsubscribe")) {
                symbols.removeAll(ScriptJson.stringArray(request, "args"));
            }
        }
        long now = System.currentTimeMillis();
        for (String symbol : tickers) {
            BigDecimal last = nextPrice(symbol);
            connection.send("{\"topic\":\"ticker\",\"data\":{\"symbol\":" + ScriptJson.quote(symbol) + ",\"last\":\""
                    + last + "\",\"bid\":\"" + last.subtract(SPREAD) + "\",\"ask\":\"" + last.add(SPREAD)
                    + "\",\"ts\":" + now + "}}");
        }
        for (String symbol : trades) {
            connection.send("{\"topic\":\"trade\",\"data\":{\"symbol\":" + ScriptJson.quote(symbol) + ",\"px\":\""
                    + nextPrice(symbol) + "\",\"sz\":\"0.0" + (1 + tick % 9) + "\",\"side\":\""
                    + (tick % 2 == 0 ? "buy" : "sell") + "\",\"id\":\"" + symbol + "-" + tick + "\",\"ts\":" + now + "}}");
        }
    }

    /** A random walk in steps of at most 1.0, starting from a price derived from the symbol. */
    private BigDecimal nextPrice(String symbol) {
        return prices.compute(symbol, (key, price) -> {
            BigDecimal start = price != null ? price
                    : BigDecimal.valueOf(100 + Math.floorMod(key.hashCode(), 90_000)).setScale(1);
            BigDecimal step = BigDecimal.valueOf(ThreadLocalRandom.current().nextDouble(-1, 1))
                    .setScale(1, RoundingMode.HALF_EVEN);
            return start.add(step).max(BigDecimal.ONE);
        });
    }
}
