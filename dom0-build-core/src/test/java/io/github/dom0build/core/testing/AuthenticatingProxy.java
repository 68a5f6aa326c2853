package io.github.dom0build.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-http forward proxy on 127.0.0.1 that wants Basic credentials: a request without the right
 * Proxy-Authorization gets 407, one with it is forwarded, whatever host it names, to the same port on
 * the loopback address (so tests can use example.org names that only this proxy "resolves", and a
 * connection that skipped the proxy would fail). It counts and records what it forwarded and refused, so
 * a test proves the traffic went through it. No CONNECT: https through a proxy is not tested here.
 */
public final class AuthenticatingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String expected;
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    public AuthenticatingProxy(String user, String password) throws IOException {
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(
                StandardCharsets.UTF_8));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "test-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Requests answered 407 for want of the right credentials. */
    public int refused() {
        return refused.get();
    }

    /** The request lines forwarded ({@code GET http://host:port/path HTTP/1.1}), in order. */
    public List<String> forwarded() {
        synchronized (forwarded) {
            return List.copyOf(forwarded);
        }
    }

    /** Every Proxy-Authorization value received, right or wrong ("none" for a request without one). */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> handle(client), "test-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String requestLine = lines[0];
            String authorization = "none";
            StringBuilder headers = new StringBuilder();
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].contains(":") ? lines[i].substring(0, lines[i].indexOf(':')).strip()
                        .toLowerCase(Locale.ROOT) : "";
                if (name.equals("proxy-authorization")) {
                    authorization = lines[i].substring(lines[i].indexOf(':') + 1).strip();
                } else if (!name.equals("proxy-connection") && !name.equals("connection")) {
                    headers.append(lines[i]).append("\r\n");
                }
            }
            authorizations.add(authorization);
            if (!expected.equals(authorization)) {
                refused.incrementAndGet();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            String[] parts = requestLine.split(" ");
            URI target = URI.create(parts[1]);
            if (target.getScheme() == null || target.getPort() < 0) {
                out.write("HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            forwarded.add(requestLine);
            String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
                OutputStream up = upstream.getOutputStream();
                up.write((parts[0] + " " + path + " " + parts[2] + "\r\n" + headers + "Connection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                up.flush();
                Thread body = new Thread(() -> pipe(in, up), "test-proxy-body");
                body.setDaemon(true);
                body.start();
                pipe(upstream.getInputStream(), out);
            }
        } catch (IOException e) {
            // the client or the server hung up: nothing to forward any more
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return new String(h, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void pipe(InputStream from, OutputStream to) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
