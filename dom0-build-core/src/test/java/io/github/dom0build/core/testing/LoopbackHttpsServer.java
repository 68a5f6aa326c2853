package io.github.dom0build.core.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * An https server on 127.0.0.1 with a self-signed certificate made for it by the JDK's keytool, and a
 * socket factory that trusts exactly that certificate: the client side of a test trusts it, nothing
 * JVM-wide changes. Paths behave as in {@link LoopbackHttpServer}.
 */
public final class LoopbackHttpsServer implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpsServer server;
    private final SSLContext context;
    private final Map<String, LoopbackHttpServer.Behaviour> paths = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    /** The key store's bytes, made once per test JVM: keytool takes seconds on a loaded machine. */
    private static byte[] keyStore;

    /** @param dir where keytool writes the key store the first time (a test's temporary directory) */
    public LoopbackHttpsServer(Path dir) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new java.io.ByteArrayInputStream(keyStore(dir))) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            try {
                paths.getOrDefault(path, LoopbackHttpServer.status(404)).handle(ex);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    private static synchronized byte[] keyStore(Path dir) throws Exception {
        if (keyStore != null) {
            return keyStore;
        }
        Path store = dir.resolve("loopback.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "loopback", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || !Files.exists(store)) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        keyStore = Files.readAllBytes(store);
        return keyStore;
    }

    /** Trusts this server's certificate (and nothing else). */
    public SSLSocketFactory trustingFactory() {
        return context.getSocketFactory();
    }

    public URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public LoopbackHttpsServer on(String path, LoopbackHttpServer.Behaviour behaviour) {
        paths.put(path, behaviour);
        return this;
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
