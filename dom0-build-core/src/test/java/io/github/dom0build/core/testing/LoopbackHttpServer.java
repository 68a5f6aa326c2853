package io.github.dom0build.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 and an ephemeral port that tests control path by path: serve bytes,
 * answer a status, drop the connection mid-body, stall, or redirect in a loop. Tests never reach
 * beyond the loopback interface.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    /** What a path does when requested. */
    public interface Behaviour {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Behaviour> paths = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    public LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            Behaviour b = paths.get(path);
            try {
                if (b == null) {
                    status(404).handle(ex);
                } else {
                    b.handle(ex);
                }
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public LoopbackHttpServer on(String path, Behaviour behaviour) {
        paths.put(path, behaviour);
        return this;
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    public static Behaviour bytes(byte[] body) {
        return ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /** Like {@link #bytes} but slowly, in chunks, so a test has time to act mid-transfer. */
    public static Behaviour slowBytes(byte[] body, int chunk, long pauseMillis) {
        return ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < body.length; i += chunk) {
                    out.write(body, i, Math.min(chunk, body.length - i));
                    out.flush();
                    sleep(pauseMillis);
                }
            }
        };
    }

    /**
     * Sends the first {@code sendFirst} bytes, then holds the transfer until {@code release} opens (at most
     * three minutes), then sends the rest: a test decides when the transfer is "in the middle" by state,
     * not by guessing how long the other side takes to get there.
     */
    public static Behaviour heldBytes(byte[] body, int sendFirst, java.util.concurrent.CountDownLatch release) {
        return ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body, 0, sendFirst);
                out.flush();
                try {
                    release.await(3, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write(body, sendFirst, body.length - sendFirst);
            }
        };
    }

    public static Behaviour status(int code) {
        return ex -> {
            byte[] msg = ("status " + code).getBytes();
            ex.sendResponseHeaders(code, msg.length);
            ex.getResponseBody().write(msg);
        };
    }

    /** Announces the whole body, sends part of it, then closes the connection. */
    public static Behaviour truncated(byte[] body, int sendBytes) {
        return ex -> {
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body, 0, sendBytes);
            out.flush();
            ex.getHttpContext().getServer();
            // closing the exchange with bytes missing drops the connection
        };
    }

    /** Sends headers and then nothing for {@code millis}. */
    public static Behaviour stall(long millis) {
        return ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().flush();
            sleep(millis);
        };
    }

    /**
     * Zeros without a Content-Length (chunked), until the client hangs up or {@code maxBytes} went out: a
     * server that would fill the disk, bounded so the test's own loop ends.
     */
    public static Behaviour endless(long maxBytes) {
        return ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] zeros = new byte[1 << 16];
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < maxBytes; sent += zeros.length) {
                    out.write(zeros);
                }
            } catch (IOException clientHungUp) {
                // what a bounded client does
            }
        };
    }

    /** {@code body} only for a request with HTTP Basic credentials {@code user}:{@code password}; else 401. */
    public static Behaviour basicAuth(String user, String password, byte[] body) {
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return ex -> {
            if (expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                bytes(body).handle(ex);
            } else {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                status(401).handle(ex);
            }
        };
    }

    public static Behaviour redirect(String location) {
        return ex -> {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
