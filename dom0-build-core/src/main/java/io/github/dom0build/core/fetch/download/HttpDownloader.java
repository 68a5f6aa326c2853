package io.github.dom0build.core.fetch.download;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Downloads one http(s) URL into a file, hashing while it writes. A read that stalls longer than the
 * read timeout, a body shorter than its Content-Length, an error status and a redirect loop all fail
 * with the URL in the message; the caller owns the file and deletes it on failure.
 */
public final class HttpDownloader {
    /** The plugin parameter that sets the read timeout, named in the message that asks to raise it. */
    public static final String READ_TIMEOUT_PARAMETER = "readTimeout";

    /** What was written: size and sha256 of the bytes actually received. */
    public record Download(long size, String sha256) {
    }

    private final ProxySelection proxies;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final BuildLog log;
    private final boolean interactive;

    public HttpDownloader(ProxySelection proxies, Duration connectTimeout, Duration readTimeout, BuildLog log,
            boolean interactive) {
        this.proxies = proxies;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.log = log;
        this.interactive = interactive;
    }

    public Download download(URI uri, Path target) throws BuildException {
        Optional<ProxyConfig> proxy = proxies.forUri(uri);
        HttpURLConnection conn = null;
        try {
            conn = open(uri, proxy);
            int status = conn.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new BuildException("Download of " + uri + " failed: the server answered HTTP " + status
                        + (conn.getResponseMessage() != null ? " " + conn.getResponseMessage() : "")
                        + proxyNote(proxy) + ".", fixFor(status, proxy));
            }
            long expected = conn.getContentLengthLong();
            TransferProgress progress = new TransferProgress(log, uri.toString(), expected, interactive);
            MessageDigest md = Sha256.newDigest();
            OutputStream file;
            try {
                file = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw cannotWrite(uri, target, e);
            }
            try (InputStream in = conn.getInputStream(); OutputStream out = file) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    try {
                        out.write(buf, 0, n);
                    } catch (IOException e) {
                        throw cannotWrite(uri, target, e);
                    }
                    md.update(buf, 0, n);
                    progress.add(n);
                }
            }
            if (expected >= 0 && progress.transferred() != expected) {
                throw new BuildException("Download of " + uri + " broke off after " + progress.transferred() + " of "
                        + expected + " bytes.", "run the build again; nothing incomplete was kept");
            }
            progress.finished();
            return new Download(progress.transferred(), Sha256.hex(md));
        } catch (SocketTimeoutException e) {
            throw new BuildException("Download of " + uri + " stalled: no data for " + readTimeout.toSeconds()
                    + " s" + proxyNote(proxy) + ".", "run the build again later, or raise the "
                            + READ_TIMEOUT_PARAMETER + " parameter (seconds; now " + readTimeout.toSeconds() + ")", e);
        } catch (UnknownHostException e) {
            throw new BuildException("Download of " + uri + " failed: unknown host " + e.getMessage() + proxyNote(proxy)
                    + ".", "check the URL and your network or proxy settings (settings.xml <proxies>)", e);
        } catch (ProtocolException e) {
            throw new BuildException("Download of " + uri + " failed: " + e.getMessage() + ".",
                    "check the URL; the server keeps redirecting or speaks broken HTTP", e);
        } catch (IOException e) {
            throw new BuildException("Download of " + uri + " failed: " + e + proxyNote(proxy) + ".",
                    "run the build again; nothing incomplete was kept", e);
        } finally {
            if (conn != null) {
                conn.disconnect();
            }
        }
    }

    /** The local side failed (a full disk, a read-only cache): not the network, so "run again" would not help. */
    private static BuildException cannotWrite(URI uri, Path target, IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() != null ? e.getMessage() : e.toString();
        return new BuildException("Cannot save the download of " + uri + " to " + target + ": " + reason
                + ". Nothing incomplete was kept.", "make room on the file system of " + target.getParent()
                        + " (or point the cacheDirectory parameter at one with room), then run the build again", e);
    }

    private HttpURLConnection open(URI uri, Optional<ProxyConfig> proxy) throws IOException {
        HttpURLConnection conn;
        if (proxy.isPresent()) {
            ProxyConfig p = proxy.get();
            conn = (HttpURLConnection) uri.toURL()
                    .openConnection(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.host(), p.port())));
            if (p.hasCredentials()) {
                conn.setAuthenticator(authenticator(p));
                // Plain-http requests through the proxy carry credentials up front; https tunnels
                // (CONNECT) ask the authenticator.
                String token = Base64.getEncoder().encodeToString(
                        (p.username() + ":" + (p.password() == null ? "" : p.password())).getBytes(
                                java.nio.charset.StandardCharsets.UTF_8));
                conn.setRequestProperty("Proxy-Authorization", "Basic " + token);
            }
        } else {
            conn = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        }
        conn.setConnectTimeout((int) connectTimeout.toMillis());
        conn.setReadTimeout((int) readTimeout.toMillis());
        conn.setInstanceFollowRedirects(true);
        conn.setUseCaches(false);
        conn.setRequestProperty("User-Agent", "dom0-build");
        conn.setRequestProperty("Accept-Encoding", "identity");
        return conn;
    }

    private static Authenticator authenticator(ProxyConfig p) {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    return null;
                }
                return new PasswordAuthentication(p.username(),
                        (p.password() == null ? "" : p.password()).toCharArray());
            }
        };
    }

    private static String proxyNote(Optional<ProxyConfig> proxy) {
        return proxy.map(p -> " (through proxy " + p + ")").orElse("");
    }

    private static String fixFor(int status, Optional<ProxyConfig> proxy) {
        if (status == 404 || status == 410) {
            return "check the URL: the file is not (or no longer) there";
        }
        if (status == 407) {
            return "set the proxy's <username> and <password> in settings.xml" + proxyNote(proxy);
        }
        if (status == 401 || status == 403) {
            return "the server refuses the download; check the URL and whether it needs credentials";
        }
        if (status >= 500) {
            return "the server failed; run the build again later";
        }
        return "check the URL";
    }
}
