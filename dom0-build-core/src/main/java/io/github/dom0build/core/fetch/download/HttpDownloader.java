package io.github.dom0build.core.fetch.download;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.ByteCounts;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.net.ProxiedConnections;
import io.github.dom0build.core.net.ProxyConfig;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.text.Printable;
import io.github.dom0build.core.text.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
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
 * read timeout, a body shorter than its Content-Length, a body larger than the size bound (announced or
 * not), an error status and a redirect loop all fail with the URL in the message (and the Location of
 * a redirect); credentials in the URL are sent, never shown. The caller owns the file and deletes it
 * on failure.
 */
public final class HttpDownloader {
    /** The plugin parameter that sets the read timeout, named in the message that asks to raise it. */
    public static final String READ_TIMEOUT_PARAMETER = "readTimeout";
    /** The plugin parameter that bounds a download, named in the message when one exceeds it. */
    public static final String MAX_SIZE_PARAMETER = "maxDownloadSize";
    /** The bound on one download when none is given: well above a Linux tarball (about 140 MB as .tar.xz). */
    public static final long DEFAULT_MAX_BYTES = 2L << 30;
    private static final int MAX_REDIRECTS = 20;

    /** What was written: size and sha256 of the bytes actually received. */
    public record Download(long size, String sha256) {
    }

    private final ProxySelection proxies;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final BuildLog log;
    private final boolean interactive;
    private final long maxBytes;
    private javax.net.ssl.SSLSocketFactory tls;

    public HttpDownloader(ProxySelection proxies, Duration connectTimeout, Duration readTimeout, BuildLog log,
            boolean interactive) {
        this(proxies, connectTimeout, readTimeout, log, interactive, DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the most one download may bring, announced or not (a server sending zeros for ever) */
    public HttpDownloader(ProxySelection proxies, Duration connectTimeout, Duration readTimeout, BuildLog log,
            boolean interactive, long maxBytes) {
        this.maxBytes = maxBytes;
        this.proxies = proxies;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.log = log;
        this.interactive = interactive;
    }

    /**
     * This downloader with https connections trusting what {@code factory} trusts instead of the JVM's
     * trust store: for tests against a loopback server with a certificate of their own.
     */
    HttpDownloader trusting(javax.net.ssl.SSLSocketFactory factory) {
        this.tls = factory;
        return this;
    }

    public Download download(URI uri, Path target) throws BuildException {
        String shown = Urls.redact(uri.toString());
        URI current = uri;
        Optional<ProxyConfig> proxy = proxies.forUri(uri);
        HttpURLConnection conn = null;
        try {
            for (int redirects = 0;; redirects++) {
                proxy = proxies.forUri(current);
                conn = open(current, proxy, sameOrigin(uri, current) ? uri.getRawUserInfo() : null);
                int status = conn.getResponseCode();
                if (!isRedirect(status)) {
                    break;
                }
                String location = conn.getHeaderField("Location");
                conn.disconnect();
                conn = null;
                current = redirectTarget(shown, current, status, location, redirects);
                log.info("  redirected to " + Urls.redact(current.toString()));
            }
            String via = redirectNote(uri, current);
            int status = conn.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new BuildException("Download of " + shown + " failed" + via + ": the server answered HTTP "
                        + status + (conn.getResponseMessage() != null ? " " + conn.getResponseMessage() : "")
                        + proxyNote(proxy) + ".", fixFor(status, proxy, current));
            }
            long expected = conn.getContentLengthLong();
            if (expected > maxBytes) {
                throw tooLarge(shown, "is " + ByteCounts.human(expected) + " (Content-Length), more than", 0);
            }
            TransferProgress progress = new TransferProgress(log, shown, expected, interactive);
            MessageDigest md = Sha256.newDigest();
            OutputStream file;
            try {
                file = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw cannotWrite(shown, target, e);
            }
            try (InputStream in = conn.getInputStream(); OutputStream out = file) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (progress.transferred() + n > maxBytes) {
                        throw tooLarge(shown, "stopped at", progress.transferred());
                    }
                    try {
                        out.write(buf, 0, n);
                    } catch (IOException e) {
                        throw cannotWrite(shown, target, e);
                    }
                    md.update(buf, 0, n);
                    progress.add(n);
                }
            }
            if (expected >= 0 && progress.transferred() != expected) {
                throw new BuildException("Download of " + shown + via + " broke off after " + progress.transferred()
                        + " of " + expected + " bytes.", "run the build again; nothing incomplete was kept");
            }
            progress.finished();
            return new Download(progress.transferred(), Sha256.hex(md));
        } catch (SocketTimeoutException e) {
            throw new BuildException("Download of " + shown + " stalled" + redirectNote(uri, current) + ": no data for "
                    + readTimeout.toSeconds() + " s" + proxyNote(proxy) + ".",
                    "run the build again later, or raise the " + READ_TIMEOUT_PARAMETER + " parameter (seconds; now "
                            + readTimeout.toSeconds() + ")", e);
        } catch (UnknownHostException e) {
            throw new BuildException("Download of " + shown + " failed" + redirectNote(uri, current) + ": unknown host "
                    + e.getMessage() + proxyNote(proxy) + ".",
                    "check the URL and your network or proxy settings (settings.xml <proxies>)", e);
        } catch (IOException e) {
            // A refused https tunnel is no status but an exception: "Unable to tunnel through proxy ... 407".
            boolean tunnelRefused = String.valueOf(e.getMessage()).contains(" 407");
            throw new BuildException("Download of " + shown + " failed" + redirectNote(uri, current) + ": "
                    + Urls.redact(String.valueOf(e)) + proxyNote(proxy) + ".", tunnelRefused
                            ? ProxiedConnections.proxyRefusedFix(proxy, current.getScheme())
                            : "run the build again; nothing incomplete was kept", e);
        } finally {
            if (conn != null) {
                conn.disconnect();
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Where a redirect leads. Followed by hand, since the JDK does not follow http to https: every one is
     * logged, and a failure names the Location. Never from https down to http, never to another scheme.
     */
    private URI redirectTarget(String shown, URI from, int status, String location, int redirects)
            throws BuildException {
        if (location == null || location.isBlank()) {
            throw new BuildException("Download of " + shown + " failed: " + Urls.redact(from.toString())
                    + " answered HTTP " + status + " (a redirect) without a Location.", "check the URL");
        }
        String where = " (HTTP " + status + " from " + Urls.redact(from.toString()) + ", Location: "
                + Printable.escape(Urls.redact(location)) + ")";
        if (redirects >= MAX_REDIRECTS) {
            throw new BuildException("Download of " + shown + " failed: Server redirected too many times ("
                    + MAX_REDIRECTS + ")" + where + ".",
                    "check the URL; the server keeps redirecting or speaks broken HTTP");
        }
        URI next;
        try {
            next = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new BuildException("Download of " + shown + " failed: the server redirected to a Location that is"
                    + " not a URL" + where + ".", "check the URL; the server speaks broken HTTP", e);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BuildException("Download of " + shown + " failed: the server redirected to a URL that is not"
                    + " http or https" + where + ".", "download the file from where it really is and use that URL");
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
            throw new BuildException("Download of " + shown + " failed: the server redirected from https down to"
                    + " plain http" + where + "; dom0-build does not follow that.", "if you trust that server, set"
                            + " url to the http URL yourself; better, find where it serves the file over https");
        }
        return next;
    }

    private static String redirectNote(URI asked, URI current) {
        return current.equals(asked) ? "" : " (redirected to " + Urls.redact(current.toString()) + ")";
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                || "http".equalsIgnoreCase(a.getScheme()) && "https".equalsIgnoreCase(b.getScheme())
                        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
    }

    private BuildException tooLarge(String shown, String what, long transferred) {
        return new BuildException("Download of " + shown + " " + what + (transferred > 0 ? " "
                + ByteCounts.human(transferred) + "," : "") + " the limit of " + ByteCounts.human(maxBytes) + " ("
                + MAX_SIZE_PARAMETER + "). Nothing incomplete was kept.", "if the file really is that large, raise "
                        + MAX_SIZE_PARAMETER + " (now " + ByteCounts.human(maxBytes) + "); otherwise the server sends"
                        + " something else than the archive: check the URL");
    }

    /** The local side failed (a full disk, a read-only cache): not the network, so "run again" would not help. */
    private static BuildException cannotWrite(String uri, Path target, IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() != null ? e.getMessage() : e.toString();
        return new BuildException("Cannot save the download of " + uri + " to " + target + ": " + reason
                + ". Nothing incomplete was kept.", "make room on the file system of " + target.getParent()
                        + " (or point the cacheDirectory parameter at one with room), then run the build again", e);
    }

    private HttpURLConnection open(URI uri, Optional<ProxyConfig> proxy, String userInfo) throws IOException {
        HttpURLConnection conn = ProxiedConnections.open(uri.toURL(), proxy);
        if (tls != null && conn instanceof javax.net.ssl.HttpsURLConnection https) {
            https.setSSLSocketFactory(tls);
        }
        conn.setConnectTimeout((int) connectTimeout.toMillis());
        conn.setReadTimeout((int) readTimeout.toMillis());
        conn.setInstanceFollowRedirects(false);
        if (userInfo != null) {
            // user:password in the URL: sent as the server expects it, and never shown (Urls.redact).
            String decoded = java.net.URLDecoder.decode(userInfo, java.nio.charset.StandardCharsets.UTF_8);
            conn.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    decoded.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        conn.setUseCaches(false);
        conn.setRequestProperty("User-Agent", "dom0-build");
        conn.setRequestProperty("Accept-Encoding", "identity");
        return conn;
    }

    private static String proxyNote(Optional<ProxyConfig> proxy) {
        return proxy.map(p -> " (through proxy " + p + ")").orElse("");
    }

    private static String fixFor(int status, Optional<ProxyConfig> proxy, URI uri) {
        if (status == 404 || status == 410) {
            return "check the URL: the file is not (or no longer) there";
        }
        if (status == 407) {
            return ProxiedConnections.proxyRefusedFix(proxy, uri.getScheme());
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
