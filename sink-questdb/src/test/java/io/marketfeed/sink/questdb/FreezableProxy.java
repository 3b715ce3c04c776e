package io.marketfeed.sink.questdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a local port that can be frozen: while frozen it keeps every connection
 * open and accepts new ones, but passes no byte on, so the client sees a server that has stopped answering.
 *
 * <p>{@link #freeze()}, {@link #thaw()} and {@link #close()} may be called from any thread; one daemon thread
 * accepts, and two per connection copy bytes. Everything stops on {@link #close()}.
 */
final class FreezableProxy implements AutoCloseable {

    private final int target;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean frozen;
    private volatile boolean closed;

    FreezableProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("proxy-accept", this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, bytes read from either side are held back until {@link #thaw()}. */
    void freeze() {
        synchronized (gate) {
            frozen = true;
        }
    }

    void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                start("proxy-up", () -> copy(client, server));
                start("proxy-down", () -> copy(server, client));
            } catch (IOException e) {
                // Closed, or the target refused: the client's connection ends, as with no server.
            }
        }
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                awaitThawed();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // One side closed; closing both ends the other copier too.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitThawed() throws InterruptedException, IOException {
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait();
            }
        }
        if (closed) {
            throw new IOException("proxy closed");
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thaw();
        listener.close();
        sockets.forEach(FreezableProxy::closeQuietly);
    }
}
