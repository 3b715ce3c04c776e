package io.marketfeed.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A raw-socket RFC 6455 server on 127.0.0.1 that speaks just enough of SAHMK's quotes channel for Marketfeed's SAHMK
 * provider and for the bare clients: it accepts the handshake on any path and query, sends {@code connected}
 * (Pro limits, 60 symbols per connection, 20 per call), answers each {@code subscribe} with {@code subscribed},
 * {@code unsubscribe} with {@code unsubscribed} and {@code {"action":"ping"}} with {@code pong}, and after the first
 * subscribe writes pre-encoded quote frames ({@link QuoteBlock}).
 *
 * <p>Every connection gets the same serials, {@code 0..frames-1}, in order: serial {@code n} is frame
 * {@code n % block} of the block, so every client of a run sees byte-identical frames but for the serial digits (and,
 * paced, the timestamp). Two threads per connection: the connection's own (handshake, then the quote writer) and a
 * reader for the client's frames. Writes of both are serialized on the output stream. {@link #close()} closes every
 * socket, so nothing outlives it.
 */
public final class BlastServer implements AutoCloseable {

    /** How the quotes are sent. */
    public enum Mode {
        /** As fast as the socket takes them, then idle (answering pings) until the client closes. */
        BLAST,
        /** At a fixed rate, in small bursts every millisecond, each frame stamped with its send time. */
        PACED
    }

    /**
     * @param mode blast or paced
     * @param frames quote frames per connection
     * @param ratePerSecond frames per second when paced
     */
    public record Plan(Mode mode, long frames, int ratePerSecond) {
        public static Plan blast(long frames) {
            return new Plan(Mode.BLAST, frames, 0);
        }

        public static Plan paced(long frames, int ratePerSecond) {
            return new Plan(Mode.PACED, frames, ratePerSecond);
        }
    }

    /** Frames written per lock hold in blast mode (about 16 KiB), so a pong never waits long for its turn. */
    private static final int CHUNK = 64;
    private static final int OUTPUT_BUFFER = 256 * 1024;
    private static final long PACED_TICK_NANOS = 1_000_000L;
    /** Most frames in one paced burst, when the writer fell behind (a GC pause, a slow client). */
    private static final int MAX_BURST = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final QuoteBlock block;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong quotesWritten = new AtomicLong();
    private volatile Plan plan;
    private volatile boolean closed;

    private BlastServer(QuoteBlock block, Plan plan) throws IOException {
        this.block = block;
        this.plan = plan;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.acceptor = new Thread(this::acceptLoop, "blast-accept");
        acceptor.setDaemon(true);
    }

    /** Starts a server on a free loopback port; each new connection follows {@code plan}. */
    public static BlastServer start(QuoteBlock block, Plan plan) throws IOException {
        BlastServer server = new BlastServer(block, plan);
        server.acceptor.start();
        return server;
    }

    /** Changes what connections made from now on get. */
    public void plan(Plan plan) {
        this.plan = plan;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code ws://127.0.0.1:PORT}, the SAHMK provider's base URL. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + port();
    }

    /** The SAHMK quotes URL a hand-written client connects to. */
    public URI quotesUri() {
        return URI.create(baseUrl() + "/ws/v1/stocks/?api_key=shmk_test_bench");
    }

    public QuoteBlock block() {
        return block;
    }

    public int connectionsAccepted() {
        return connections.get();
    }

    public long quotesWritten() {
        return quotesWritten.get();
    }

    /** The subscribe message for every symbol of the block. */
    public String subscribeMessage() {
        ObjectNode subscribe = JSON.createObjectNode();
        subscribe.put("action", "subscribe");
        ArrayNode symbols = subscribe.putArray("symbols");
        block.symbols().forEach(symbols::add);
        return subscribe.toString();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Client client : clients) {
            client.abort();
        }
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Client client : clients) {
            client.join(2_000);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("blast server: accept failed: " + e);
                }
                return;
            }
            int id = connections.incrementAndGet();
            Client client = new Client(id, socket, plan, block.copy());
            clients.add(client);
            client.start();
        }
    }

    /** One connection. */
    private final class Client {
        private final int id;
        private final Socket socket;
        private final Plan plan;
        private final QuoteBlock frames;
        private final Thread writer;
        private final Thread reader;
        private final CountDownLatch subscribed = new CountDownLatch(1);
        private final Set<String> subscriptions = new LinkedHashSet<>();
        private final Object writeLock = new Object();
        private OutputStream out;
        private InputStream in;
        private volatile boolean done;
        private boolean closeSent;

        Client(int id, Socket socket, Plan plan, QuoteBlock frames) {
            this.id = id;
            this.socket = socket;
            this.plan = plan;
            this.frames = frames;
            this.writer = new Thread(this::run, "blast-conn-" + id);
            this.writer.setDaemon(true);
            this.reader = new Thread(this::readLoop, "blast-read-" + id);
            this.reader.setDaemon(true);
        }

        void start() {
            writer.start();
        }

        void abort() {
            done = true;
            subscribed.countDown();
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }

        void join(long millis) {
            try {
                writer.join(millis);
                reader.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            try {
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                OutputStream raw = socket.getOutputStream();
                WebSocketFrames.Request request = WebSocketFrames.readRequest(in);
                String key = request == null ? null : request.headers().get("sec-websocket-key");
                if (key == null) {
                    raw.write(WebSocketFrames.badRequest("expected a WebSocket upgrade"));
                    raw.flush();
                    return;
                }
                out = new BufferedOutputStream(raw, OUTPUT_BUFFER);
                synchronized (writeLock) {
                    out.write(WebSocketFrames.switchingProtocols(key));
                    WebSocketFrames.writeText(out, connected());
                    out.flush();
                }
                reader.start();
                while (!done && !subscribed.await(100, TimeUnit.MILLISECONDS)) {
                    // wait for the first subscribe
                }
                if (!done) {
                    if (plan.mode() == Mode.BLAST) {
                        blast();
                    } else {
                        paced();
                    }
                }
                // Idle: the reader answers pings until the client closes or the server stops.
                reader.join();
            } catch (IOException e) {
                // the client went away, or the server is closing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done = true;
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                clients.remove(this);
            }
        }

        private void blast() throws IOException {
            byte[] bytes = frames.bytes();
            int blockFrames = frames.frames();
            long total = plan.frames();
            long sent = 0;
            while (sent < total && !done) {
                int first = (int) (sent % blockFrames);
                int count = (int) Math.min(Math.min(CHUNK, blockFrames - first), total - sent);
                for (int k = 0; k < count; k++) {
                    frames.patchSerial(first + k, sent + k);
                }
                int from = frames.start(first);
                int to = frames.start(first + count);
                synchronized (writeLock) {
                    out.write(bytes, from, to - from);
                }
                sent += count;
                quotesWritten.addAndGet(count);
            }
            synchronized (writeLock) {
                out.flush();
            }
        }

        private void paced() throws IOException {
            byte[] bytes = frames.bytes();
            int blockFrames = frames.frames();
            long total = plan.frames();
            double perNano = plan.ratePerSecond() / 1e9;
            long start = System.nanoTime();
            long sent = 0;
            long nextTick = start;
            while (sent < total && !done) {
                long now = System.nanoTime();
                long due = Math.min(total, (long) ((now - start) * perNano) + 1);
                if (due > sent) {
                    long burstEnd = Math.min(due, sent + MAX_BURST);
                    synchronized (writeLock) {
                        for (long serial = sent; serial < burstEnd; serial++) {
                            int i = (int) (serial % blockFrames);
                            frames.patchSerial(i, serial);
                            Instant wall = Instant.now();
                            frames.patchTimestamp(i, wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000);
                            out.write(bytes, frames.start(i), frames.start(i + 1) - frames.start(i));
                        }
                        out.flush();
                    }
                    quotesWritten.addAndGet(burstEnd - sent);
                    sent = burstEnd;
                    if (sent < due) {
                        continue; // behind: the next burst at once
                    }
                }
                nextTick += PACED_TICK_NANOS;
                long wait = nextTick - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    nextTick = System.nanoTime();
                }
            }
        }

        private void readLoop() {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int messageOpcode = -1;
            try {
                while (!done) {
                    WebSocketFrames.Inbound frame = WebSocketFrames.read(in);
                    if (frame == null) {
                        break;
                    }
                    switch (frame.opcode()) {
                        case WebSocketFrames.TEXT, WebSocketFrames.BINARY -> {
                            message.reset();
                            messageOpcode = frame.opcode();
                            message.write(frame.payload());
                            if (frame.fin()) {
                                onMessage(messageOpcode, message.toByteArray());
                            }
                        }
                        case WebSocketFrames.CONTINUATION -> {
                            message.write(frame.payload());
                            if (frame.fin() && messageOpcode >= 0) {
                                onMessage(messageOpcode, message.toByteArray());
                            }
                        }
                        case WebSocketFrames.PING -> send(WebSocketFrames.frame(WebSocketFrames.PONG, frame.payload()));
                        case WebSocketFrames.CLOSE -> {
                            byte[] status = frame.payload().length >= 2
                                    ? new byte[] {frame.payload()[0], frame.payload()[1]} : new byte[0];
                            done = true;
                            sendClose(status);
                            return;
                        }
                        default -> {
                            // PONG and anything else: nothing to do
                        }
                    }
                }
            } catch (IOException e) {
                // the client went away, or the server is closing
            } finally {
                done = true;
                subscribed.countDown();
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        private void onMessage(int opcode, byte[] payload) throws IOException {
            if (opcode != WebSocketFrames.TEXT) {
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(payload);
            } catch (IOException e) {
                return; // not JSON: SAHMK ignores it too
            }
            String action = request.path("action").asText("");
            switch (action) {
                case "subscribe" -> {
                    ObjectNode answer = JSON.createObjectNode();
                    answer.put("type", "subscribed");
                    ArrayNode symbols = answer.putArray("symbols");
                    for (JsonNode symbol : request.path("symbols")) {
                        subscriptions.add(symbol.asText());
                        symbols.add(symbol.asText());
                    }
                    answer.put("total", subscriptions.size());
                    answer.put("limit", 60);
                    send(answer.toString());
                    subscribed.countDown();
                }
                case "unsubscribe" -> {
                    ObjectNode answer = JSON.createObjectNode();
                    answer.put("type", "unsubscribed");
                    ArrayNode symbols = answer.putArray("symbols");
                    for (JsonNode symbol : request.path("symbols")) {
                        subscriptions.remove(symbol.asText());
                        symbols.add(symbol.asText());
                    }
                    answer.put("total", subscriptions.size());
                    send(answer.toString());
                }
                case "ping" -> send("{\"type\":\"pong\",\"timestamp\":\"" + QuoteBlock.millisZ(Instant.now())
                        + "\"}");
                default -> {
                    // unknown actions are ignored, as by SAHMK
                }
            }
        }

        private void send(String text) throws IOException {
            send(WebSocketFrames.frame(WebSocketFrames.TEXT, text.getBytes(StandardCharsets.UTF_8)));
        }

        private void send(byte[] frame) throws IOException {
            synchronized (writeLock) {
                out.write(frame);
                out.flush();
            }
        }

        private void sendClose(byte[] status) throws IOException {
            synchronized (writeLock) {
                if (!closeSent) {
                    closeSent = true;
                    out.write(WebSocketFrames.frame(WebSocketFrames.CLOSE, status));
                    out.flush();
                }
            }
        }

        /** SAHMK's {@code connected}, as the simulator writes it for the quotes channel of a Pro key. */
        private String connected() {
            return "{\"type\":\"connected\",\"plan\":\"pro\",\"limits\":{\"max_symbols_per_connection\":60,"
                    + "\"max_symbols_per_call\":20,\"stream_modes\":[\"quotes\"]},"
                    + "\"message\":\"Connected to SAHMK real-time stock stream\",\"timestamp\":\""
                    + QuoteBlock.millisZ(Instant.now()) + "\"}";
        }
    }

    /** Symbols of the block, for the clients' subscribe requests and the runtime's settings. */
    public List<String> symbols() {
        return block.symbols();
    }
}
