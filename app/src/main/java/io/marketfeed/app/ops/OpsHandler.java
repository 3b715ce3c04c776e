package io.marketfeed.app.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four endpoints: {@code /health} (200 while the process runs), {@code /ready} (200, or 503 with the reasons,
 * one a line), {@code /metrics} (Prometheus text) and {@code /status} (JSON). {@code GET} and {@code HEAD} only;
 * nothing is cached. Each request takes its own reading, so {@code /ready} turns 503 as soon as the runtime
 * records a fatal error.
 *
 * <p>Runs on the operations server's pool threads; blocking is allowed there (a snapshot waits for the runtime's
 * control thread, never for a socket).
 */
final class OpsHandler extends Handler.Abstract {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";
    private static final String PATHS = "/health, /ready, /metrics, /status";
    private static final Logger log = LoggerFactory.getLogger(OpsHandler.class);

    private final Readings readings;
    private final Redactor redactor;
    private final PrometheusMeters meters;
    private final AtomicReference<String> stopping;

    OpsHandler(Readings readings, Redactor redactor, PrometheusMeters meters, AtomicReference<String> stopping) {
        this.readings = readings;
        this.redactor = redactor;
        this.meters = meters;
        this.stopping = stopping;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return send(response, callback, 405, TEXT, method + " is not allowed; use GET\n");
        }
        String path = Request.getPathInContext(request);
        try {
            switch (path) {
                case "/health":
                    return send(response, callback, 200, TEXT, "ok\n");
                case "/ready":
                    return ready(response, callback);
                case "/metrics":
                    return send(response, callback, 200, PrometheusMeters.CONTENT_TYPE,
                            meters.scrape(readings.fresh()));
                case "/status":
                    return status(response, callback);
                case "/":
                    return send(response, callback, 200, TEXT, "Marketfeed operations: " + PATHS + "\n");
                default:
                    return send(response, callback, 404, TEXT, "no such page: " + redactor.clean(path) + "; try "
                            + PATHS + "\n");
            }
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", path, e.toString(), e);
            return send(response, callback, 500, TEXT, path + " failed: " + redactor.clean(e.toString()) + "\n");
        }
    }

    private boolean ready(Response response, Callback callback) {
        Readiness readiness = Readiness.of(readings.fresh().feed(), stopping.get(), redactor);
        if (readiness.ready()) {
            return send(response, callback, 200, TEXT, "ready\n");
        }
        StringBuilder body = new StringBuilder("not ready\n");
        readiness.reasons().forEach(reason -> body.append(reason).append('\n'));
        return send(response, callback, 503, TEXT, body.toString());
    }

    private boolean status(Response response, Callback callback) {
        Readings.Reading reading = readings.fresh();
        Readiness readiness = Readiness.of(reading.feed(), stopping.get(), redactor);
        return send(response, callback, 200, JSON, StatusJson.write(reading, readiness, redactor));
    }

    private static boolean send(Response response, Callback callback, int status, String type, String body) {
        return send(response, callback, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
