package io.github.dom0build.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A remote cache on 127.0.0.1: bytes stored by path, with HTTP Basic authentication. It speaks what the
 * cache clients of the tests send: maven-resolver's HTTP transport (the build cache extension's remote:
 * GET, HEAD, PUT, and MKCOL where WebDAV is on) and ccache's HTTP storage (GET, HEAD, PUT, DELETE of a
 * key). A request without the credentials, or with others, gets 401 with a Basic challenge, as a real
 * repository manager answers, and is recorded so that a test can tell which credentials were used.
 */
public final class LoopbackStore implements AutoCloseable {
    /** One request as the store saw it. */
    public record Request(String method, String path, int status, boolean authenticated) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-store");
        t.setDaemon(true);
        return t;
    });
    private final String expectedAuthorization;
    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    public LoopbackStore(String user, String password) throws IOException {
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        boolean authenticated = expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"));
        int status;
        try (ex) {
            byte[] body = readAll(ex.getRequestBody());
            if (!authenticated) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"dom0-build test cache\"");
                status = 401;
                ex.sendResponseHeaders(status, -1);
            } else {
                status = switch (method) {
                    case "GET" -> get(ex, path);
                    case "HEAD" -> {
                        byte[] b = entries.get(path);
                        int s = b == null ? 404 : 200;
                        ex.sendResponseHeaders(s, -1);
                        yield s;
                    }
                    case "PUT" -> {
                        entries.put(path, body);
                        ex.sendResponseHeaders(201, -1);
                        yield 201;
                    }
                    case "DELETE" -> {
                        int s = entries.remove(path) == null ? 404 : 204;
                        ex.sendResponseHeaders(s, -1);
                        yield s;
                    }
                    case "MKCOL" -> {
                        ex.sendResponseHeaders(201, -1);
                        yield 201;
                    }
                    default -> {
                        ex.sendResponseHeaders(405, -1);
                        yield 405;
                    }
                };
            }
        }
        synchronized (requests) {
            requests.add(new Request(method, path, status, authenticated));
        }
    }

    private int get(HttpExchange ex, String path) throws IOException {
        byte[] b = entries.get(path);
        if (b == null) {
            ex.sendResponseHeaders(404, -1);
            return 404;
        }
        ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
        return 200;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The paths stored so far. */
    public java.util.Set<String> paths() {
        return java.util.Set.copyOf(entries.keySet());
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests of {@code method} that the credentials let through with {@code status}. */
    public long count(String method, int status) {
        return requests().stream().filter(r -> r.method().equals(method) && r.status() == status).count();
    }

    public void forgetRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
