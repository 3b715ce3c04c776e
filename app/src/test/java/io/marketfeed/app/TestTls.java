package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.simulator.EmbeddedSimulator;
import io.marketfeed.app.testing.TestingConfig;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marketfeed.tls.*} from the configuration file to a {@code wss://} connection: the runner streams SAHMK quotes
 * from the simulator behind a TLS front whose certificate only the configured trust store vouches for; a trust store
 * that cannot be used stops the run before it connects (exit 2), naming the key; the password is masked by
 * {@code config} and never printed. The certificate is made by {@code keytool} when the test runs; its PKCS12 file
 * serves as the server's key store and as the client's trust store.
 */
class TestTls {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "pw_test_FAKE_CANARY_tls";

    @TempDir
    static Path directory;
    private static Path store;
    private final ExecutorService runner = Executors.newCachedThreadPool();

    @BeforeAll
    static void makeCertificate() throws Exception {
        store = directory.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
    }

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    @Test
    void runStreamsOverWssWithTheConfiguredTrustStore() throws Exception {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("sahmk"), 0);
                TlsFront front = new TlsFront(store, URI.create(simulator.endpoint()).getPort())) {
            Path file = TestingConfig.write(directory, "tls.conf", String.join("\n",
                    "marketfeed.sinks = []",
                    "marketfeed.tls { trust-store = \"" + store + "\", trust-store-password = ${TRUST_PASSWORD} }",
                    "marketfeed.providers.sahmk { endpoint = \"wss://localhost:" + front.port() + "\","
                            + " api-key = \"" + SahmkSimulation.DEMO_KEY + "\", symbols = [\"2222\"] }"));
            SynchronizedBuffer out = new SynchronizedBuffer();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<String> stop = new CompletableFuture<>();

            Future<Integer> code = runner.submit(() -> Main.run(new String[] {"run", "-c", file.toString(), "--format",
                    "jsonl"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("TRUST_PASSWORD", PASSWORD), stop));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!out.text().contains("{\"type\":\"quote\",\"provider\":\"sahmk\",\"symbol\":\"2222\"")
                    && System.nanoTime() < deadline && !code.isDone()) {
                Thread.sleep(20);
            }
            stop.complete("test asks to stop");

            assertEquals(ExitCode.OK, code.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.toString());
            assertTrue(out.text().contains("{\"type\":\"quote\",\"provider\":\"sahmk\",\"symbol\":\"2222\""),
                    out.text() + err);
            assertTrue(front.connections() > 0, "the quotes came through the TLS front");
            assertFalse((out.text() + err).contains("CANARY"), "the password leaked: " + out.text() + err);
        }
    }

    @Test
    void aWrongPasswordStopsTheRunBeforeItConnectsNamingTheKey() {
        Path file = TestingConfig.write(directory, "wrong.conf", String.join("\n",
                "marketfeed.tls { trust-store = \"" + store + "\", trust-store-password = \"pw_test_FAKE_CANARY_no\" }",
                "marketfeed.providers.sahmk { endpoint = \"wss://localhost:1\", api-key = \"shmk_test_FAKE_x\","
                        + " symbols = [\"2222\"] }"));

        Result result = run("run", "-c", file.toString(), "--duration", "5s");

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code, result.err);
        assertTrue(result.err.contains("config error: marketfeed.tls.trust-store-password (" + file + ":1): is "
                + "wrong for " + store + "; set the password the store was made with\n"), result.err);
        assertFalse(result.err.contains("\tat ") || result.err.contains("CANARY"), result.err);
    }

    @Test
    void aMissingFileIsAConfigErrorAndConfigMasksThePassword() {
        Path missing = directory.resolve("nowhere.p12");
        Path file = TestingConfig.write(directory, "missing.conf",
                "marketfeed.tls { trust-store = \"" + missing + "\", trust-store-password = \"pw_test_FAKE_CANARY\" }");

        Result refused = run("config", "-c", file.toString());
        assertEquals(ExitCode.USAGE_OR_CONFIG, refused.code, refused.err);
        assertTrue(refused.err.contains("config error: marketfeed.tls.trust-store (" + file + ":1): there is no file "
                + missing + "; give the path of a trust store (PKCS12, JKS, or PEM certificates)\n"), refused.err);

        Path good = TestingConfig.write(directory, "good.conf", String.join("\n",
                "marketfeed.tls { trust-store = \"" + store + "\", trust-store-password = \"" + PASSWORD + "\" }",
                "marketfeed.providers.sahmk { api-key = \"shmk_test_FAKE_x\", symbols = [\"2222\"] }"));
        Result shown = run("config", "-c", good.toString());
        assertEquals(ExitCode.OK, shown.code, shown.err);
        assertTrue(shown.out.contains("trust-store-password = \"****\""), shown.out);
        assertFalse((shown.out + shown.err + refused.out + refused.err).contains("CANARY"), shown.out);
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }

    /** Bytes written by the runner's thread, read by the test's. */
    private static final class SynchronizedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * A TLS front on a free loopback port (the JDK's {@link SSLServerSocket}, the key from a PKCS12 file) relaying
     * each connection's bytes to a plain port on loopback, as a TLS-terminating proxy does. Two threads a connection;
     * everything closes with it.
     */
    private static final class TlsFront implements AutoCloseable {
        private final SSLServerSocket server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        TlsFront(Path keyStore, int target) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress());
            threads.execute(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket plain = new Socket();
                        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
                        sockets.add(client);
                        sockets.add(plain);
                        threads.execute(() -> pump(client, plain));
                        threads.execute(() -> pump(plain, client));
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        /** Connections relayed: each is a client and a plain socket. */
        int connections() {
            return sockets.size() / 2;
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // One side went away: the other is closed below.
            } finally {
                try {
                    to.close();
                    from.close();
                } catch (IOException ignored) {
                    // Closing is all that is left to do.
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
            threads.shutdownNow();
        }
    }
}
